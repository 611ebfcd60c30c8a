package io.lakehouse.jobs.spark;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * An Iceberg table as Spark shows it ({@code SHOW TBLPROPERTIES}): its current snapshot ("none" before the first)
 * and its properties, among them what {@link SqlFileRunner} recorded at its last MERGE.
 */
record TableState(String snapshot, Map<String, String> properties) {
    /** Iceberg's Spark tables show their current snapshot among their properties. */
    static final String CURRENT_SNAPSHOT = "current-snapshot-id";
    /** The snapshot of a table that has none yet. */
    static final String NO_SNAPSHOT = "none";
    /** What the last MERGE into the table read: "digest;input@version,...;the table's snapshot after it". */
    static final String LINEAGE = "lakehouse.merged-from";
    /**
     * "D@S": D is the last snapshot that changed the table's rows, recorded when the table was at snapshot S. A MERGE
     * that changes no row still commits an (empty) snapshot; its readers should not run again for it.
     */
    static final String DATA_VERSION = "lakehouse.data-version";
    /**
     * Iceberg's operation of a snapshot that rewrote files without changing the table's rows (the spec: "data and
     * delete files were added and removed without changing table data", such as a compaction).
     */
    static final String REPLACE = "replace";

    /** A snapshot of the table's history: its parent ("none" for the first) and Iceberg's operation. */
    record Snapshot(String parent, String operation) {
        Snapshot {
            requireNonNull(parent, "parent");
            requireNonNull(operation, "operation");
        }
    }

    TableState {
        requireNonNull(snapshot, "snapshot");
        properties = Map.copyOf(properties);
    }

    static TableState of(Map<String, String> properties) {
        return new TableState(properties.getOrDefault(CURRENT_SNAPSHOT, NO_SNAPSHOT), properties);
    }

    /**
     * The version of the table's rows: the recorded data version while the table is still at the snapshot it was
     * recorded at; after any other write (by anyone), the current snapshot.
     */
    String dataVersion() {
        return recorded().filter(r -> r.at().equals(snapshot)).map(Recorded::rows).orElse(snapshot);
    }

    /** {@link #DATA_VERSION} read: the snapshot whose rows the table holds, and the snapshot it was recorded at. */
    private record Recorded(String rows, String at) {
    }

    private Optional<Recorded> recorded() {
        String recorded = properties.getOrDefault(DATA_VERSION, "");
        int sign = recorded.lastIndexOf('@');
        return sign > 0 ? Optional.of(new Recorded(recorded.substring(0, sign), recorded.substring(sign + 1)))
                : Optional.empty();
    }

    /**
     * The {@link #DATA_VERSION} to record after a rewrite ({@code replace} snapshots) so that readers do not run again
     * for rows that did not change: "D@C", C the current snapshot and D the data version of the last snapshot before
     * the run of rewrites that ends at C. Empty when there is nothing to record: the current snapshot is not a
     * rewrite, or the history does not reach back past the rewrites (expired snapshots: the current one counts).
     *
     * @param history each snapshot by id, as the table's {@code snapshots} metadata table lists them
     */
    Optional<String> dataVersionThroughRewrites(Map<String, Snapshot> history) {
        Set<String> rewrites = new HashSet<>();
        String at = snapshot;
        while (history.containsKey(at) && history.get(at).operation().equals(REPLACE)) {
            if (!rewrites.add(at)) {
                return Optional.empty();   // a cycle: not a history Iceberg writes
            }
            at = history.get(at).parent();
        }
        if (rewrites.isEmpty() || !history.containsKey(at)) {
            return Optional.empty();
        }
        String before = at;
        String rows = recorded().filter(r -> r.at().equals(before) || rewrites.contains(r.at()))
                .map(Recorded::rows).orElse(at);
        return Optional.of(rows + "@" + snapshot);
    }

    String lineage() {
        return properties.getOrDefault(LINEAGE, "");
    }
}
