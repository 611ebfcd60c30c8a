package io.lakehouse.maintenance;

import static java.util.Objects.requireNonNull;

/** One table's compaction: its files before and after. */
public record Compaction(String table, TableFiles before, TableFiles after) {
    public Compaction {
        requireNonNull(table, "table");
        requireNonNull(before, "before");
        requireNonNull(after, "after");
    }

    /** Files a reader opens, before minus after (negative when the streaming job committed more meanwhile). */
    public long filesRemoved() {
        return before.dataFiles() + before.deleteFiles() - after.dataFiles() - after.deleteFiles();
    }
}
