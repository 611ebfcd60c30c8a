package io.lakehouse.jobs.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a {@link StatementPlan} on up to {@code parallelism} threads: a statement starts once every statement it
 * runs after has finished. The first statement that fails stops the run: nothing starts after it, what is running
 * finishes, and its failure is returned. With a parallelism of 1 they run one at a time, in an order the plan allows.
 */
final class StatementScheduler {
    /** The work of one step; may throw what Spark throws (its AnalysisException is checked to Java). */
    @FunctionalInterface
    interface Work {
        void run(StatementPlan.Step step) throws Exception;
    }

    /** The statement that failed first, and why. */
    record Failure(SqlStatement statement, Exception error) {
    }

    private final int parallelism;

    StatementScheduler(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
        }
        this.parallelism = parallelism;
    }

    Optional<Failure> run(StatementPlan plan, Work work) {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, task -> {
            Thread thread = new Thread(task, "sql-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        AtomicReference<Failure> failure = new AtomicReference<>();
        List<CompletableFuture<Void>> finished = new ArrayList<>();
        try {
            for (StatementPlan.Step step : plan.steps()) {
                CompletableFuture<?>[] before = step.after().stream().map(finished::get)
                        .toArray(CompletableFuture[]::new);
                finished.add(CompletableFuture.allOf(before).thenRunAsync(() -> {
                    if (failure.get() != null) {
                        throw new CancellationException("not started: an earlier statement failed");
                    }
                    try {
                        work.run(step);
                    } catch (Exception e) {
                        failure.compareAndSet(null, new Failure(step.statement(), e));
                        throw new CompletionException(e);
                    }
                }, pool));
            }
            CompletableFuture.allOf(finished.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        } finally {
            pool.shutdownNow();
        }
        return Optional.ofNullable(failure.get());
    }
}
