package io.lakehouse.maintenance;

import static java.util.Objects.requireNonNull;

/**
 * The files of an Iceberg table's current snapshot, as Trino's {@code $files} table lists them: data files, and
 * the delete files (positional and equality) that readers must apply on top of them.
 */
public record TableFiles(String table, long dataFiles, long deleteFiles) {
    public TableFiles {
        requireNonNull(table, "table");
    }
}
