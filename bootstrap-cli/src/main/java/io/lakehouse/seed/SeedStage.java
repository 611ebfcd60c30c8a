package io.lakehouse.seed;

/** One restartable step of {@code lakehouse seed}: running it again ends in the same state, never with duplicates. */
public interface SeedStage {
    /** A short name for progress lines and errors, e.g. "files -> bronze". */
    String name();

    StageResult run(SeedContext context) throws Exception;
}
