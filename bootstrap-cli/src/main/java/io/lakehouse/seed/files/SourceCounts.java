package io.lakehouse.seed.files;

import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/** What loading one source file did: records read, landed in the table, quarantined (per reason code). */
public record SourceCounts(String table, String sourceFile, long recordsIn, long landed,
                           Map<String, Long> quarantinedByReason, double seconds) {
    public SourceCounts {
        requireNonNull(table, "table");
        requireNonNull(sourceFile, "sourceFile");
        quarantinedByReason = java.util.Collections.unmodifiableMap(new TreeMap<>(quarantinedByReason));
    }

    public long quarantined() {
        return quarantinedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    public double recordsPerSecond() {
        return seconds <= 0 ? 0 : recordsIn / seconds;
    }
}
