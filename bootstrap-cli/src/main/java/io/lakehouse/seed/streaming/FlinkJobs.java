package io.lakehouse.seed.streaming;

import io.lakehouse.wait.RetryPolicy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * Submits the seed pipeline's streaming jobs to the Flink session cluster, idempotently: a job already running
 * under its name is left alone; one that failed, finished or was cancelled is submitted again from its latest
 * retained checkpoint (its Kafka offsets and Iceberg's last committed checkpoint are in it, so nothing is written
 * twice); a job never run before starts fresh (at its consumer group's committed offsets, else the earliest).
 * Also tells when a job has caught up with its topics.
 */
public final class FlinkJobs {
    /** A cancelled job leaves Flink's list of active jobs. */
    private static final io.lakehouse.wait.RetryPolicy JOB_CANCELLED = new io.lakehouse.wait.RetryPolicy(
            "job cancelled", Duration.ofMillis(500), Duration.ofSeconds(60));

    private static final Duration FAILURE_CHECK_EVERY = Duration.ofSeconds(5);
    private static final int RESTART_LOOP = 3;
    private static final Duration RESTART_LOOP_WINDOW = Duration.ofSeconds(180);

    private final FlinkRest flink;
    private final RetainedCheckpoints checkpoints;
    private final ConsumerLag lag;
    private final JobEnvironment environment;
    private final Path jobJar;

    public FlinkJobs(FlinkRest flink, RetainedCheckpoints checkpoints, ConsumerLag lag, JobEnvironment environment,
                     Path jobJar) {
        this.flink = requireNonNull(flink, "flink");
        this.checkpoints = requireNonNull(checkpoints, "checkpoints");
        this.lag = requireNonNull(lag, "lag");
        this.environment = requireNonNull(environment, "environment");
        this.jobJar = requireNonNull(jobJar, "jobJar");
    }

    /**
     * The jobs of a stack on the local runtime (every service on the probe target's host). Under compose the jobs
     * need the services' compose names instead: build the {@link JobEnvironment} for that and use the constructor.
     */
    public static FlinkJobs forLocalStack(io.lakehouse.stack.ProbeTarget stack, Path home, boolean servingStore) {
        return forStack(stack, io.lakehouse.runtime.RuntimeKind.LOCAL, home, servingStore);
    }

    /** The jobs of a stack on either runtime: the REST calls go to the published ports, the jobs' own addresses
     * are those the Flink cluster sees (the host's locally, compose names under docker). */
    public static FlinkJobs forStack(io.lakehouse.stack.ProbeTarget stack, io.lakehouse.runtime.RuntimeKind runtime,
                                     Path home, boolean servingStore) {
        JobEnvironment environment = JobEnvironment.seenBy(runtime == io.lakehouse.runtime.RuntimeKind.DOCKER
                ? stack.seenFromInside(io.lakehouse.stack.ServiceCatalog.standard()) : stack, servingStore);
        return new FlinkJobs(
                new FlinkRest(URI.create("http://" + stack.address("FLINK_JOBMANAGER_PORT") + "/")),
                new RetainedCheckpoints(URI.create("http://" + stack.address("NAMENODE_HTTP_PORT") + "/")),
                new ConsumerLag(stack.everyAddress("KAFKA_PORT")),
                environment, JobJar.locate(home));
    }

    /** What {@link #ensureRunning} found or did. */
    public record Submission(StreamingJob job, String jobId, Action action, Optional<String> restoredFrom) {
        public enum Action { ALREADY_RUNNING, SUBMITTED }

        public String describe() {
            return switch (action) {
                case ALREADY_RUNNING -> job.name() + " already running (" + jobId + ")";
                case SUBMITTED -> job.name() + " submitted (" + jobId + ")"
                        + restoredFrom.map(p -> ", resumed from " + p).orElse(", fresh start");
            };
        }
    }

    public List<Submission> ensureRunning(List<StreamingJob> jobs) throws Exception {
        List<Submission> submissions = new java.util.ArrayList<>();
        String jarId = null;
        try {
            for (StreamingJob job : jobs) {
                Optional<FlinkRest.JobSummary> active = active(job);
                if (active.isPresent()) {
                    submissions.add(new Submission(job, active.get().id(), Submission.Action.ALREADY_RUNNING,
                            Optional.empty()));
                    continue;
                }
                if (jarId == null) {
                    jarId = flink.uploadJar(jobJar);
                }
                Optional<String> restoreFrom = latestRetainedCheckpoint(job);
                String jobId = flink.run(jarId, job.entryClass(), environment.arguments(job), restoreFrom);
                submissions.add(new Submission(job, jobId, Submission.Action.SUBMITTED, restoreFrom));
            }
        } finally {
            if (jarId != null) {
                // the submitted jobs have their own copy in the blob store; keep the upload folder from filling up
                flink.deleteJar(jarId);
            }
        }
        return submissions;
    }

    /** The newest copy of the job that is running or about to. */
    public Optional<FlinkRest.JobSummary> active(StreamingJob job) throws Exception {
        return flink.jobs().stream().filter(j -> j.name().equals(job.name()) && j.active())
                .max(Comparator.comparingLong(FlinkRest.JobSummary::startTime));
    }

    /** The retained checkpoint a resubmission starts from, as a path the cluster reads. */
    public Optional<String> latestRetainedCheckpoint(StreamingJob job) throws Exception {
        String jobDir = environment.checkpointDir(job);
        String hdfsPath = URI.create(jobDir).getPath();
        return checkpoints.latest(hdfsPath).map(r -> jobDir + "/" + r.relativePath());
    }

    /** Records the job's consumer group has not yet committed (that is, not yet checkpointed). */
    public long lag(StreamingJob job) throws Exception {
        return lag.total(job.consumerGroup(), job.topics());
    }

    /**
     * Waits until the job is running, its consumer group has committed every record produced so far, and one more
     * checkpoint has completed after that: the Iceberg commit that goes with those offsets is then done (a
     * checkpoint's Iceberg commit and its offset commit both follow its completion; the next checkpoint's barrier
     * reaches the committer only after that). Returns the time it took; throws naming the lag when it times out.
     */
    public Duration awaitCaughtUp(StreamingJob job, Duration timeout, Consumer<String> progress) throws Exception {
        long began = System.nanoTime();
        long waitStartedAt = System.currentTimeMillis();
        long[] caughtUpAt = {-1};
        long[] lastLag = {-1};
        long[] failuresCheckedAt = {0};
        RetryPolicy wait = new RetryPolicy(job.name() + " caught up and checkpointed", Duration.ofMillis(500), timeout);
        boolean done = wait.awaitChecked(() -> {
            Optional<FlinkRest.JobSummary> running = active(job);
            if (running.isEmpty()) {
                throw new IllegalStateException(job.name() + " is not running; submit it (FlinkJobs.ensureRunning)");
            }
            if (System.nanoTime() - failuresCheckedAt[0] > FAILURE_CHECK_EVERY.toNanos()) {
                failuresCheckedAt[0] = System.nanoTime();
                failingRepeatedly(job, running.get().id(), waitStartedAt);
            }
            if (caughtUpAt[0] < 0) {
                lastLag[0] = lag(job);
                if (lastLag[0] == 0) {
                    caughtUpAt[0] = System.currentTimeMillis();
                    requestCheckpoint(job, running.get().id(), progress);
                } else {
                    progress.accept(job.name() + ": " + lastLag[0] + " record(s) behind");
                }
                return false;
            }
            Optional<FlinkRest.CheckpointInfo> latest = flink.latestCheckpoint(running.get().id());
            return latest.isPresent() && latest.get().triggerTimestamp() > caughtUpAt[0];
        });
        if (done) {
            return Duration.ofNanos(System.nanoTime() - began);
        }
        throw new IllegalStateException(job.name() + " did not catch up within " + timeout.toSeconds() + " s ("
                + (caughtUpAt[0] < 0 ? lastLag[0] + " record(s) behind" : "no checkpoint completed after it caught up")
                + "); see ./lakehouse logs flink-taskmanager and the Flink UI");
    }

    /**
     * A job in a restart loop (at least {@link #RESTART_LOOP} failures within {@link #RESTART_LOOP_WINDOW}, one of
     * them since this wait began) will not catch up whatever the wait: this names its latest failure at once instead
     * of waiting out the timeout and blaming the lag. One failure, or two (a service restarted under it), is waited
     * through, and so are failures from before the wait that stopped (a service {@code up} has since restarted):
     * Flink restarts the job from its last checkpoint.
     */
    private void failingRepeatedly(StreamingJob job, String jobId, long waitStartedAt) throws Exception {
        List<FlinkRest.JobFailure> failures;
        try {
            failures = flink.failures(jobId);
        } catch (IOException unanswered) {
            return; // the wait itself reports a JobManager that does not answer
        }
        long since = System.currentTimeMillis() - RESTART_LOOP_WINDOW.toMillis();
        List<FlinkRest.JobFailure> recent = failures.stream().filter(f -> f.timestamp() >= since).toList();
        if (recent.size() >= RESTART_LOOP && recent.get(0).timestamp() >= waitStartedAt) {
            throw new JobFailingException(job.name() + " keeps failing (" + recent.size() + " failures in the last "
                    + RESTART_LOOP_WINDOW.toSeconds() + " s), latest: " + recent.get(0).describe()
                    + "; see ./lakehouse logs flink-taskmanager");
        }
    }

    /** A streaming job fails again and again: waiting for it is pointless until its cause is fixed. */
    public static final class JobFailingException extends IllegalStateException {
        public JobFailingException(String message) {
            super(message);
        }
    }

    /**
     * Asks for a checkpoint at once, so what the job has read is committed now rather than at the next periodic
     * checkpoint. Best effort: should Flink refuse (a checkpoint already under way, an older Flink), the periodic
     * checkpoint still comes, and the wait names its reason.
     */
    private void requestCheckpoint(StreamingJob job, String jobId, Consumer<String> progress)
            throws InterruptedException {
        try {
            flink.triggerCheckpoint(jobId);
            progress.accept(job.name() + ": caught up; checkpoint requested");
        } catch (IOException refused) {
            progress.accept(job.name() + ": caught up; waiting for the next checkpoint (" + refused.getMessage() + ")");
        }
    }

    /**
     * Forgets the jobs: cancels them where they run, deletes their retained checkpoints and their consumer groups'
     * offsets, so the next {@link #ensureRunning} starts each from the beginning of its topics.
     */
    public void reset(List<StreamingJob> jobs, Consumer<String> progress) throws Exception {
        for (StreamingJob job : jobs) {
            Optional<FlinkRest.JobSummary> running = active(job);
            if (running.isPresent()) {
                flink.cancel(running.get().id());
                // a job that is still cancelling after a minute is left to Flink; its checkpoints go below
                JOB_CANCELLED.awaitChecked(() -> active(job).isEmpty());
                progress.accept("cancelled " + job.name());
            }
            checkpoints.deleteAll(URI.create(environment.checkpointDir(job)).getPath());
        }
        lag.deleteGroups(jobs.stream().map(StreamingJob::consumerGroup).toList());
        progress.accept("checkpoints and consumer offsets of " + jobs.size() + " job(s) deleted");
    }
}
