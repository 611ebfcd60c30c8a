package io.lakehouse.seed;

import static java.util.Objects.requireNonNull;

/** What a stage did: a one-line summary, the records it handled, and how long it took. */
public record StageResult(String stage, String summary, long records, double seconds) {
    public StageResult {
        requireNonNull(stage, "stage");
        requireNonNull(summary, "summary");
    }

    public double recordsPerSecond() {
        return seconds <= 0 ? 0 : records / seconds;
    }
}
