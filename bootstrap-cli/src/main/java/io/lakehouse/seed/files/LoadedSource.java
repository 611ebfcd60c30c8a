package io.lakehouse.seed.files;

import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the last load of one sample source left, recorded in its bronze table's properties
 * ({@value #PROPERTY_PREFIX}{@code <source file>}): the digest of the file and its schema, the table's snapshot
 * after that load, and its counts. A load of the same bytes with the same schema would land the same rows, so the
 * seed skips it when all of these still hold:
 * <ul>
 *   <li>the file and its schema have the same digest;</li>
 *   <li>the table's current snapshot is the one the load committed (nobody wrote to it since);</li>
 *   <li>the quarantine table holds as many of this file's records as the load quarantined.</li>
 * </ul>
 * Anything else loads the file again, which replaces its rows (FileLoader): never a silent difference.
 */
public record LoadedSource(String digest, long snapshotId, long recordsIn, long landed,
                           Map<String, Long> quarantinedByReason) {
    static final String PROPERTY_PREFIX = "lakehouse.loaded.";

    /**
     * The digest of a load's input: the file's bytes and its schema's, each with its length, and the loader that
     * reads them ({@link #loaderBuild}): a rebuilt CLI loads every file again, so a loader fixed since the last
     * load cannot leave values it would now read differently.
     */
    static String digestOf(Path file, Path schema) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((loaderBuild() + "\n").getBytes(StandardCharsets.UTF_8));
            for (Path input : new Path[] {file, schema}) {
                sha.update((input.getFileName() + ":" + Files.size(input) + "\n").getBytes(StandardCharsets.UTF_8));
                try (InputStream in = Files.newInputStream(input)) {
                    byte[] buffer = new byte[1 << 16];
                    for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                        sha.update(buffer, 0, n);
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    /** The build of the loader's code: its jar's name, size and time, or "classes" when run from a class folder. */
    static String loaderBuild() {
        try {
            Path code = Path.of(FileLoader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(code)
                    ? code.getFileName() + ":" + Files.size(code) + ":" + Files.getLastModifiedTime(code).toMillis()
                    : "classes";
        } catch (Exception unknown) {   // no code source (an unusual class loader): every load counts as new
            return "unknown:" + System.nanoTime();
        }
    }

    /** What the table records of the last load of {@code sourceFile}; empty when nothing (or nothing readable). */
    static Optional<LoadedSource> of(Table table, String sourceFile) {
        String value = table.properties().get(PROPERTY_PREFIX + sourceFile);
        if (value == null) {
            return Optional.empty();
        }
        try {
            String[] parts = value.split(";", -1);
            Map<String, Long> reasons = new TreeMap<>();
            if (!parts[4].isEmpty()) {
                for (String pair : parts[4].split(",")) {
                    String[] kv = pair.split("=");
                    reasons.put(kv[0], Long.parseLong(kv[1]));
                }
            }
            return Optional.of(new LoadedSource(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]),
                    Long.parseLong(parts[3]), reasons));
        } catch (RuntimeException unreadable) {   // an older or hand-edited value: load again
            return Optional.empty();
        }
    }

    /** Records a load that just committed {@code counts} from {@code digest} into the table. */
    static void record(Table table, String sourceFile, String digest, SourceCounts counts) {
        table.refresh();
        Snapshot current = table.currentSnapshot();
        if (current == null) {
            return;
        }
        String value = digest + ";" + current.snapshotId() + ";" + counts.recordsIn() + ";" + counts.landed() + ";"
                + String.join(",", counts.quarantinedByReason().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).toList());
        table.updateProperties().set(PROPERTY_PREFIX + sourceFile, value).commit();
    }

    /** Whether loading the input with {@code digest} again would change nothing (see the class comment). */
    boolean stillHolds(String digest, Table table, Table quarantine, String source, String sourceFile)
            throws IOException {
        Snapshot current = table.currentSnapshot();
        if (!this.digest.equals(digest) || current == null || current.snapshotId() != snapshotId) {
            return false;
        }
        long quarantined = 0;
        try (CloseableIterable<Record> rows = IcebergGenerics.read(quarantine)
                .where(Expressions.and(Expressions.equal("source", source),
                        Expressions.equal("source_file", sourceFile)))
                .select("source", "source_file").build()) {
            for (Record row : rows) {
                if (source.equals(row.getField("source")) && sourceFile.equals(row.getField("source_file"))) {
                    quarantined++;
                }
            }
        }
        return quarantined == quarantinedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The counts of the recorded load, as this run reports them (it took no time). */
    SourceCounts counts(String source, String sourceFile) {
        return new SourceCounts(source, sourceFile, recordsIn, landed, quarantinedByReason, 0);
    }
}
