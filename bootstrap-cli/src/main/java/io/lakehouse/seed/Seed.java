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
import java.util.List;

/**
 * {@code lakehouse seed}: the stages in order, each restartable, so running seed again (or after an interruption)
 * ends with the same rows. A failed stage stops the run and is named; the stages before it stay done.
 */
public final class Seed {
    /** The services the stages work with (with what they need, these are the whole pipeline but the UIs). */
    public static final List<String> SERVICES = List.of("kafka-connect", "flink-taskmanager", "spark-connect",
            "trino", "serving-store");

    private final List<SeedStage> stages;

    public Seed(List<SeedStage> stages) {
        this.stages = List.copyOf(stages);
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

    public static Seed standard() {
        return new Seed(List.of(new SetupStage(), new FilesToBronzeStage(), new StreamingJobsStage(), new MySqlSourceStage(),
                new EventsStage(), new BronzeCatchUpStage(), new SparkTransformStage(), new MartsStage()));
    }

    public List<SeedStage> stages() {
        return stages;
    }

    public List<StageResult> run(SeedContext context, StageListener listener) throws SeedException {
        List<StageResult> results = new ArrayList<>();
        for (SeedStage stage : stages) {
            listener.started(stage);
            try {
                StageResult result = stage.run(context);
                results.add(result);
                listener.finished(result);
            } catch (Exception e) {
                throw new SeedException(stage.name(), e);
            }
        }
        return results;
    }

    /** Told when each stage starts and ends. */
    public interface StageListener {
        void started(SeedStage stage);

        void finished(StageResult result);
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
