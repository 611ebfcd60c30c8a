package io.lakehouse.seed.spark;

import org.apache.iceberg.Snapshot;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.NoSuchTableException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the last complete run of the Spark stage (silver and gold) started from and left behind, kept in the
 * properties of the catalog's {@code gold} namespace ({@value #PROPERTY}):
 * <ul>
 *   <li>its inputs, as the run began: the SQL files' bytes, the Spark jobs' build, and each bronze table's current
 *   snapshot;</li>
 *   <li>its outputs, as the run ended: each silver and gold table's current snapshot.</li>
 * </ul>
 * When all of these are the same at the next seed, every MERGE of the files would be skipped (its inputs and its
 * target are as that run left them: see jobs/spark's {@code SqlFileRunner}), so the stage starts no Spark statement at
 * all. The bronze snapshots are taken before the run: a bronze table that changed while it ran makes the next seed
 * run the stage, whether or not the run read the change. Anything else (a new table, a write to silver or gold by
 * anyone, an edited script, a rebuilt runner) runs it.
 */
public final class LastTransform {
    static final String PROPERTY = "lakehouse.transformed-from";
    static final Namespace KEPT_IN = Namespace.of("gold");
    private static final List<Namespace> OUTPUTS = List.of(Namespace.of("silver"), Namespace.of("gold"));
    private static final Namespace INPUTS = Namespace.of("bronze");

    private final Catalog catalog;

    public LastTransform(Catalog catalog) {
        this.catalog = catalog;
    }

    /** The inputs of a run starting now: the SQL files, the runner's build, the bronze tables' snapshots. */
    public String inputs(List<Path> sqlFiles, String runnerBuild) throws IOException {
        MessageDigest sha = sha256();
        for (Path file : sqlFiles) {
            sha.update((file.getFileName() + ":" + Files.size(file) + "\n").getBytes(StandardCharsets.UTF_8));
            sha.update(Files.readAllBytes(file));
        }
        sha.update(("\n" + runnerBuild + "\n" + snapshots(List.of(INPUTS))).getBytes(StandardCharsets.UTF_8));
        return hex(sha);
    }

    /** Whether the last complete run started from {@code inputs} and silver and gold are still as it left them. */
    public boolean unchangedSince(String inputs) {
        Optional<String> recorded = recorded();
        return recorded.isPresent() && recorded.get().equals(inputs + ";" + outputs());
    }

    /** Records a complete run that started from {@code inputs}, with silver and gold as they are now. */
    public void record(String inputs) {
        if (catalog instanceof SupportsNamespaces namespaces) {
            namespaces.setProperties(KEPT_IN, Map.of(PROPERTY, inputs + ";" + outputs()));
        }
    }

    Optional<String> recorded() {
        if (!(catalog instanceof SupportsNamespaces namespaces) || !namespaces.namespaceExists(KEPT_IN)) {
            return Optional.empty();
        }
        return Optional.ofNullable(namespaces.loadNamespaceMetadata(KEPT_IN).get(PROPERTY));
    }

    /** A digest of each silver and gold table's current snapshot. */
    String outputs() {
        MessageDigest sha = sha256();
        sha.update(snapshots(OUTPUTS).getBytes(StandardCharsets.UTF_8));
        return hex(sha);
    }

    /** "namespace.table@snapshot" of every table of the namespaces, in name order ("none" before a first commit). */
    private String snapshots(List<Namespace> namespaces) {
        Map<String, String> snapshots = new TreeMap<>();
        for (Namespace namespace : namespaces) {
            if (catalog instanceof SupportsNamespaces known && !known.namespaceExists(namespace)) {
                continue;
            }
            for (TableIdentifier table : catalog.listTables(namespace)) {
                try {
                    Snapshot current = catalog.loadTable(table).currentSnapshot();
                    snapshots.put(table.toString(), current == null ? "none" : Long.toString(current.snapshotId()));
                } catch (NoSuchTableException droppedMeanwhile) {
                    snapshots.put(table.toString(), "dropped");
                }
            }
        }
        StringBuilder text = new StringBuilder();
        snapshots.forEach((table, snapshot) -> text.append(table).append('@').append(snapshot).append('\n'));
        return text.toString();
    }

    private static String hex(MessageDigest sha) {
        return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }
}
