package io.lakehouse.maintenance;

import static java.util.Objects.requireNonNull;

/**
 * The files of an Iceberg table's current snapshot, as Trino's {@code $entries} table lists them: data files,
 * positional and equality delete files, and the equality delete files a reader still applies. An equality delete
 * applies to every data file of a lower data sequence number (the streaming tables are unpartitioned), so one that is
 * not newer than the oldest data file applies to nothing: every reader's planning skips it, and Iceberg drops it from
 * the table in a later commit (for an unpartitioned table, {@code remove-dangling-deletes} does nothing). The CDC
 * tables get one equality delete file per upsert commit; positional ones only where a row was written and deleted
 * within one checkpoint.
 */
public record TableFiles(String table, long dataFiles, long positionDeletes, long equalityDeletes,
                         long applyingEqualityDeletes) {
    public TableFiles {
        requireNonNull(table, "table");
    }
}
