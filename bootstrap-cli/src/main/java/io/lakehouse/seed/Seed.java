package io.lakehouse.seed;

import io.lakehouse.seed.stages.BronzeCatchUpStage;
import io.lakehouse.seed.stages.EventsStage;
import io.lakehouse.seed.stages.FilesToBronzeStage;
import io.lakehouse.seed.stages.MartsStage;
import io.lakehouse.seed.stages.MySqlSourceStage;
import io.lakehouse.seed.stages.StreamingJobsStage;
import io.lakehouse.seed.stages.SetupStage;
import io.lakehouse.seed.stages.SparkTransformStage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code lakehouse seed}: the stages, each restartable, so running seed again (or after an interruption) ends with
 * the same rows. Each stage runs once the stages it needs are done, so stages that need nothing of each other run at
 * the same time: the flat files go to bronze while the streaming jobs start and MySQL and Kafka are filled, and
 * silver + gold waits for both. A failed stage stops the run and is named: nothing starts after it, a stage already
 * running beside it finishes (each one's writes are atomic commits; cutting one short would only leave work to
 * redo), and the stages done stay done.
 */
public final class Seed {
    /** The services the stages work with (with what they need, these are the whole pipeline but the UIs). */
    public static final List<String> SERVICES = List.of("kafka-connect", "flink-taskmanager", "spark-connect",
            "trino", "serving-store");

    /** A stage and the stages (by name) that must be done before it starts. */
    public record Step(SeedStage stage, Set<String> after) {
        public Step {
            after = Set.copyOf(after);
        }
    }

    private final List<Step> steps;

    /**
     * @param steps in an order where every stage comes after those it needs (so a run one stage at a time in this
     *              order is valid, and progress lists them so)
     */
    public Seed(List<Step> steps) {
        List<String> seen = new ArrayList<>();
        for (Step step : steps) {
            for (String needed : step.after()) {
                if (!seen.contains(needed)) {
                    throw new IllegalArgumentException("seed stage '" + step.stage().name() + "' needs '" + needed
                            + "', which is not an earlier stage (" + seen + ")");
                }
            }
            seen.add(step.stage().name());
        }
        this.steps = List.copyOf(steps);
    }

    /**
     * The services seed works with, and what they need, that are not running and healthy ("kafka stopped"); empty
     * when every one is. Asked before seed (or chaos) starts, so a stack that is not up is named, not tripped over.
     */
    public static List<String> notHealthy(io.lakehouse.runtime.StackRuntime runtime,
                                          io.lakehouse.stack.ServiceCatalog catalog) {
        return runtime.status(catalog.withDependencies(SERVICES)).stream()
                .filter(s -> s.state() != io.lakehouse.runtime.ServiceState.HEALTHY)
                .map(s -> s.service() + " " + s.state().label()).toList();
    }

    /**
     * The demo's stages. The files need only the tables setup makes; the streaming jobs, MySQL, Kafka and the
     * catch-up are one chain (the catch-up waits for what the three put in); silver + gold reads both.
     */
    public static Seed standard() {
        SeedStage setup = new SetupStage();
        SeedStage files = new FilesToBronzeStage();
        SeedStage streaming = new StreamingJobsStage();
        SeedStage mysql = new MySqlSourceStage();
        SeedStage events = new EventsStage();
        SeedStage catchUp = new BronzeCatchUpStage();
        SeedStage spark = new SparkTransformStage();
        return new Seed(List.of(
                new Step(setup, Set.of()),
                new Step(files, Set.of(setup.name())),
                new Step(streaming, Set.of(setup.name())),
                new Step(mysql, Set.of(streaming.name())),
                new Step(events, Set.of(mysql.name())),
                new Step(catchUp, Set.of(events.name())),
                new Step(spark, Set.of(catchUp.name(), files.name())),
                new Step(new MartsStage(), Set.of(spark.name()))));
    }

    public List<SeedStage> stages() {
        return steps.stream().map(Step::stage).toList();
    }

    public List<Step> steps() {
        return steps;
    }

    /**
     * Runs the stages, each on its own thread once those it needs are done. The results come in the stages' order.
     * The listener is told from the stages' threads, so it must be safe to call from more than one.
     */
    public List<StageResult> run(SeedContext context, StageListener listener) throws SeedException {
        ExecutorService threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "seed-stage");
            thread.setDaemon(true);
            return thread;
        });
        AtomicReference<SeedException> failure = new AtomicReference<>();
        Map<String, CompletableFuture<StageResult>> done = new LinkedHashMap<>();
        try {
            for (Step step : steps) {
                CompletableFuture<?>[] needed = step.after().stream().map(done::get)
                        .toArray(CompletableFuture[]::new);
                done.put(step.stage().name(), CompletableFuture.allOf(needed).thenApplyAsync(ignored -> {
                    if (failure.get() != null) {
                        throw new CompletionException(failure.get());
                    }
                    listener.started(step.stage());
                    try {
                        StageResult result = step.stage().run(context);
                        listener.finished(result);
                        return result;
                    } catch (Exception e) {
                        SeedException failed = new SeedException(step.stage().name(), e);
                        failure.compareAndSet(null, failed);
                        listener.failed(step.stage().name(), e);
                        throw new CompletionException(failed);
                    }
                }, threads));
            }
            // get, not join: a watch that gives up on the seed interrupts this thread, and the stages with it
            CompletableFuture.allOf(done.values().toArray(CompletableFuture[]::new)).exceptionally(e -> null).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SeedException(String.join(", ", running(done)), e);
        } catch (java.util.concurrent.ExecutionException cannotHappen) {
            throw new IllegalStateException(cannotHappen); // every failure was turned into a value above
        } finally {
            threads.shutdownNow();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return done.values().stream().map(CompletableFuture::join).toList();
    }

    private static List<String> running(Map<String, CompletableFuture<StageResult>> done) {
        return done.entrySet().stream().filter(e -> !e.getValue().isDone()).map(Map.Entry::getKey).toList();
    }

    /** Told when each stage starts and ends. */
    public interface StageListener {
        void started(SeedStage stage);

        void finished(StageResult result);

        /** A stage failed; from here on no stage starts. */
        default void failed(String stage, Exception cause) {
        }
    }

    /** A stage failed: its name and the cause, in one line for the user. */
    public static final class SeedException extends Exception {
        private final String stage;

        SeedException(String stage, Exception cause) {
            super("seed stage '" + stage + "' failed: " + rootMessage(cause), cause);
            this.stage = stage;
        }

        public String stage() {
            return stage;
        }

        private static String rootMessage(Throwable error) {
            Throwable root = error;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
            return root == error ? message : error.getMessage() + " (" + message + ")";
        }
    }
}
