package io.lakehouse.marts;

import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one refresh of a Trino mart was computed from: the digest of its definition ({@code marts/trino/<name>.sql})
 * and the current snapshot of every table it reads (the {@code lakehouse.<schema>.<table>} names in its refresh
 * statement), taken before the refresh ran. After a refresh, the mart's Iceberg table keeps these and its own new
 * snapshot in the property {@value #PROPERTY}.
 *
 * <p>A refresh is a pure function of its definition and its inputs (no mart reads the clock), so the seed skips it
 * when all of these still hold: the same definition, every input at the recorded snapshot, and the mart itself still
 * at the snapshot that refresh committed (nobody wrote to it since). Anything else refreshes it. {@code marts
 * refresh} always recomputes.
 */
public record MartInputs(String definition, Map<String, Long> inputs) {
    static final String PROPERTY = "lakehouse.refreshed-from";
    private static final Pattern TABLE = Pattern.compile("\\blakehouse\\.([a-z_][a-z0-9_]*)\\.([a-z_][a-z0-9_]*)",
            Pattern.CASE_INSENSITIVE);

    public MartInputs {
        inputs = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(inputs));   // encoded in name order
    }

    /** The mart's definition and its inputs' current snapshots (-1 for an input with no snapshot yet). */
    static MartInputs now(Catalog catalog, Mart mart) throws IOException {
        String sql = Files.readString(mart.trinoSql());
        Map<String, Long> inputs = new TreeMap<>();
        Matcher table = TABLE.matcher(sql);
        while (table.find()) {
            String schema = table.group(1).toLowerCase(Locale.ROOT);
            String name = table.group(2).toLowerCase(Locale.ROOT);
            if (schema.equals("marts") && name.equals(mart.name())) {
                continue;
            }
            Snapshot current = catalog.loadTable(TableIdentifier.of(schema, name)).currentSnapshot();
            inputs.put(schema + "." + name, current == null ? -1L : current.snapshotId());
        }
        return new MartInputs(digest(sql), inputs);
    }

    /** Whether a refresh from these inputs would give what the mart table already holds (see the class comment). */
    boolean unchangedIn(Table martTable) {
        String recorded = martTable.properties().get(PROPERTY);
        Snapshot current = martTable.currentSnapshot();
        return recorded != null && current != null && recorded.equals(encode(current.snapshotId()));
    }

    /** Records, after a refresh from these inputs committed, what the mart was computed from. */
    void recordIn(Table martTable) {
        martTable.refresh();
        Snapshot current = martTable.currentSnapshot();
        if (current != null) {
            martTable.updateProperties().set(PROPERTY, encode(current.snapshotId())).commit();
        }
    }

    /** {@code <definition digest>;<mart snapshot>;<schema.table>=<snapshot>,...} */
    private String encode(long martSnapshot) {
        StringBuilder value = new StringBuilder(definition).append(';').append(martSnapshot).append(';');
        inputs.forEach((table, snapshot) -> value.append(table).append('=').append(snapshot).append(','));
        return value.toString();
    }

    private static String digest(String sql) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(sql.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }

    /** The mart table's identifier in the Iceberg catalog. */
    static TableIdentifier tableOf(Mart mart) {
        return TableIdentifier.of("marts", mart.name());
    }
}
