package io.lakehouse.seed.files;

/** Called as a file loads (every few thousand records, and once at the end): records so far and their rate. */
@FunctionalInterface
public interface LoadProgress {
    LoadProgress NONE = (table, sourceFile, records, recordsPerSecond) -> { };

    void update(String table, String sourceFile, long records, double recordsPerSecond);
}
