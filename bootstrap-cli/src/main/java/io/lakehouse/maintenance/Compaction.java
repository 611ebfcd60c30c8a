package io.lakehouse.maintenance;

import static java.util.Objects.requireNonNull;

/** One table's compaction: its files before and after. */
public record Compaction(String table, TableFiles before, TableFiles after) {
    public Compaction {
        requireNonNull(table, "table");
        requireNonNull(before, "before");
        requireNonNull(after, "after");
    }

}
