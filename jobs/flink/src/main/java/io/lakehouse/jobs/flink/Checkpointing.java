package io.lakehouse.jobs.flink;

import org.apache.flink.configuration.Configuration;
import org.apache.iceberg.Table;

import java.time.Duration;

/**
 * Checkpoint settings shared by the jobs. Iceberg commits on each completed checkpoint, so the interval is the
 * freshness of the bronze tables (CDC target: p95 under 4 s from a MySQL commit to Trino, {@code lakehouse bench
 * cdc}). The price is more, smaller files per table, which {@code lakehouse maintain} compacts. Checkpoints are kept
 * when a job is cancelled or fails for good, under a directory per job name, so the CLI can resubmit a job from its
 * latest checkpoint (exactly once across resubmissions: Kafka offsets and Iceberg's committed checkpoint id are in
 * it).
 */
public final class Checkpointing {
    /**
     * 1 s with a minimum pause of 250 ms (was 2 s and 1 s): a checkpoint that carries data takes 0.9-1.7 s, so with
     * changes flowing one starts as soon as the last is done; 'bench cdc' median 4.1 s before, 3.4-3.5 s after
     * (docs/where-the-time-goes.md).
     */
    static final Duration INTERVAL = Duration.ofSeconds(1);
    static final String MIN_PAUSE = "250 ms";
    /**
     * Iceberg's Flink committer commits an empty snapshot after this many checkpoints with no data (10 by default),
     * to record the checkpoint id. Those snapshots hold nothing (a restore needs only the data checkpoints' ids),
     * but each one is a new snapshot of the table: readers that skip unchanged inputs (the Spark stage of
     * 'lakehouse seed') would redo their work every 50 s. A table property of the bronze tables the jobs write.
     */
    static final String MAX_EMPTY_COMMITS = "flink.max-continuous-empty-commits";
    static final String NO_EMPTY_COMMITS = Integer.toString(Integer.MAX_VALUE);

    private Checkpointing() {
    }

    /** Sets {@link #MAX_EMPTY_COMMITS} on a table the job writes, unless it is set already. */
    static void withoutEmptyCommits(Table table) {
        if (!NO_EMPTY_COMMITS.equals(table.properties().get(MAX_EMPTY_COMMITS))) {
            table.updateProperties().set(MAX_EMPTY_COMMITS, NO_EMPTY_COMMITS).commit();
        }
    }

    public static Configuration configuration(String jobName, String checkpointDir) {
        if (!checkpointDir.contains("://")) {
            throw new IllegalArgumentException(jobName + ": --checkpoints must be a URI (hdfs://host:port/flink/checkpoints/"
                    + jobName + "), got " + checkpointDir);
        }
        Configuration conf = new Configuration();
        conf.setString("pipeline.name", jobName);
        conf.setString("execution.checkpointing.interval", INTERVAL.toMillis() + " ms");
        conf.setString("execution.checkpointing.mode", "EXACTLY_ONCE");
        conf.setString("execution.checkpointing.min-pause", MIN_PAUSE);
        conf.setString("execution.checkpointing.timeout", "2 min");
        conf.setString("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        conf.setString("execution.checkpointing.num-retained", "2");
        conf.setString("execution.checkpointing.dir", checkpointDir);
        conf.setString("state.backend.type", "hashmap");
        // a TaskManager that dies is restarted by 'lakehouse up'; keep retrying until its slots are back
        conf.setString("restart-strategy.type", "exponential-delay");
        conf.setString("restart-strategy.exponential-delay.initial-backoff", "2 s");
        conf.setString("restart-strategy.exponential-delay.max-backoff", "30 s");
        return conf;
    }
}
