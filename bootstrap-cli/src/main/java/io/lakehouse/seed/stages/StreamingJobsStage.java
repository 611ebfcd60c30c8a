package io.lakehouse.seed.stages;

import io.lakehouse.seed.SeedContext;
import io.lakehouse.seed.SeedStage;
import io.lakehouse.seed.StageResult;
import io.lakehouse.seed.streaming.FlinkJobs;
import io.lakehouse.seed.streaming.StreamingJob;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The Flink jobs that carry change data capture and events into bronze (and totals into the serving store):
 * submitted when not running, resumed from their latest retained checkpoint when they ran before, so whatever they
 * had committed is neither lost nor written twice.
 */
public final class StreamingJobsStage implements SeedStage {
    @Override
    public String name() {
        return "streaming jobs";
    }

    @Override
    public StageResult run(SeedContext context) throws Exception {
        long began = System.nanoTime();
        List<FlinkJobs.Submission> submissions = context.flinkJobs()
                .ensureRunning(StreamingJob.ALL);
        submissions.forEach(s -> context.progress().update(name(), s.describe()));
        return new StageResult(name(), submissions.stream().map(FlinkJobs.Submission::describe)
                .collect(Collectors.joining("; ")), 0, (System.nanoTime() - began) / 1e9);
    }
}
