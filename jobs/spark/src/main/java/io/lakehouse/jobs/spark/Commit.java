package io.lakehouse.jobs.spark;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/** A snapshot a statement committed to an Iceberg table: its operation and Iceberg's summary of it. */
record Commit(String operation, Map<String, String> summary) {
    /**
     * The summary's counts of what a commit changed. Iceberg leaves a count out when it is zero, so a MERGE that
     * matched nothing has none of them, and a "changed-partition-count" of 0.
     */
    private static final List<String> CHANGES = List.of("added-data-files", "deleted-data-files",
            "added-delete-files", "removed-delete-files", "added-records", "deleted-records",
            "added-position-deletes", "removed-position-deletes", "added-equality-deletes",
            "removed-equality-deletes");

    Commit {
        requireNonNull(operation, "operation");
        summary = Map.copyOf(summary);
    }

    /** Whether the commit changed the table's rows; a summary that is not Iceberg's own counts as a change. */
    boolean changedRows() {
        if (!summary.containsKey("total-records") || !summary.containsKey("changed-partition-count")) {
            return true;
        }
        return !summary.get("changed-partition-count").equals("0")
                || CHANGES.stream().anyMatch(key -> !summary.getOrDefault(key, "0").equals("0"));
    }

    /** "overwrite: 12 rows added, 3 deleted, 1 data files added": how the runner reports it. */
    String describe() {
        return String.format("%s: %s rows added, %s deleted, %s data files added", operation,
                summary.getOrDefault("added-records", "0"), summary.getOrDefault("deleted-records", "0"),
                summary.getOrDefault("added-data-files", "0"));
    }
}
