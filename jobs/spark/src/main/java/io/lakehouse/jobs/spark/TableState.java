package io.lakehouse.jobs.spark;

import java.util.Map;

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
        String recorded = properties.getOrDefault(DATA_VERSION, "");
        int at = recorded.lastIndexOf('@');
        return at > 0 && recorded.substring(at + 1).equals(snapshot) ? recorded.substring(0, at) : snapshot;
    }

    String lineage() {
        return properties.getOrDefault(LINEAGE, "");
    }
}
