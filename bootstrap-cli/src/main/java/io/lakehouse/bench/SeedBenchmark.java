package io.lakehouse.bench;

import io.lakehouse.seed.Seed;
import io.lakehouse.seed.SeedContext;
import io.lakehouse.seed.SeedReset;
import io.lakehouse.seed.SeedStage;
import io.lakehouse.seed.StageResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * {@code lakehouse bench seed}: where a seed's time goes. Each run is {@code seed --reset} (a cold seed: everything
 * made again) followed by {@code seed} again with nothing new (what a re-run costs); every stage's time is kept, and
 * the result is each stage's median, min and max over the runs, for both.
 *
 * <p>It resets what seed made, as {@code seed --reset} does: run it on a stack whose seeded data may go.
 */
public final class SeedBenchmark {
    private final SeedContext context;
    private final Consumer<String> progress;

    /** One stage's seconds over the runs. */
    public record StageTimes(String stage, double medianSeconds, double minSeconds, double maxSeconds) {
        static StageTimes of(String stage, List<Double> seconds) {
            LatencySummary summary = LatencySummary.of(seconds);
            return new StageTimes(stage, summary.medianMillis(), summary.minMillis(), summary.maxMillis());
        }
    }

    /** Cold (after a reset) and warm (again, nothing new) seeds: each stage, then the whole seed as "total". */
    public record Result(int scale, int runs, List<StageTimes> cold, List<StageTimes> warm) {
    }

    public SeedBenchmark(SeedContext context, Consumer<String> progress) {
        this.context = requireNonNull(context, "context");
        this.progress = requireNonNull(progress, "progress");
    }

    public Result run(int runs) throws Exception {
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be 1 or more, not " + runs);
        }
        Map<String, List<Double>> cold = new LinkedHashMap<>();
        Map<String, List<Double>> warm = new LinkedHashMap<>();
        for (int run = 1; run <= runs; run++) {
            progress.accept("run " + run + "/" + runs + ": seed --reset");
            new SeedReset().run(context);
            seed(cold, "run " + run + "/" + runs + ", cold");
            seed(warm, "run " + run + "/" + runs + ", again with nothing new");
        }
        return new Result(context.scale(), runs, figures(cold), figures(warm));
    }

    private void seed(Map<String, List<Double>> times, String label) throws Seed.SeedException {
        long began = System.nanoTime();
        List<StageResult> results = Seed.standard().run(context, new Seed.StageListener() {
            @Override
            public void started(SeedStage stage) {
                progress.accept(label + ": " + stage.name());
            }

            @Override
            public void finished(StageResult result) {
                progress.accept(String.format("%s: %s done in %.1f s", label, result.stage(), result.seconds()));
            }
        });
        for (StageResult result : results) {
            times.computeIfAbsent(result.stage(), s -> new ArrayList<>()).add(result.seconds());
        }
        times.computeIfAbsent("total", s -> new ArrayList<>()).add((System.nanoTime() - began) / 1e9);
    }

    private static List<StageTimes> figures(Map<String, List<Double>> times) {
        List<StageTimes> figures = new ArrayList<>();
        times.forEach((stage, seconds) -> figures.add(StageTimes.of(stage, seconds)));
        return figures;
    }
}
