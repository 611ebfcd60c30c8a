package io.lakehouse.seed;

/** Where seed reports what it is doing: a line per step within a stage, with records and rate when known. */
@FunctionalInterface
public interface SeedProgress {
    SeedProgress NONE = (stage, message) -> { };

    void update(String stage, String message);
}
