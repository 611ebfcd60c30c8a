package io.lakehouse.jobs.flink;

import org.apache.flink.configuration.Configuration;

import java.time.Duration;

/**
 * Checkpoint settings shared by the jobs. Iceberg commits on each completed checkpoint, so the interval is the
 * freshness of the bronze tables (CDC target: p95 under 10 s from a MySQL commit to Trino). Checkpoints are kept
 * when a job is cancelled or fails for good, under a directory per job name, so the CLI can resubmit a job from its
 * latest checkpoint (exactly once across resubmissions: Kafka offsets and Iceberg's committed checkpoint id are in
 * it).
 */
public final class Checkpointing {
    static final Duration INTERVAL = Duration.ofSeconds(5);

    private Checkpointing() {
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
        conf.setString("execution.checkpointing.min-pause", "1 s");
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
