package io.lakehouse.stack.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakehouse.stack.HealthProbe;
import io.lakehouse.stack.ProbeResult;
import io.lakehouse.stack.ProbeTarget;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Probes a Flink session cluster through the JobManager's REST API (the API the web UI, the SQL client and
 * {@code flink run} use).
 * <ul>
 *   <li>{@link #jobManager}: {@code GET /overview} answers with the cluster's JSON overview (Flink version, slots).</li>
 *   <li>{@link #taskManager}: {@code GET /taskmanagers} lists <em>this</em> TaskManager, recognised by its fixed RPC
 *       port in its RPC address, with its slots. A TaskManager has no HTTP endpoint of its own: only the JobManager
 *       can say it registered.</li>
 * </ul>
 * Inside a container a probe target is 127.0.0.1, where a TaskManager's container has no JobManager; there the
 * JobManager is found under {@code FLINK_JOBMANAGER_HOST} of the container's environment (the compose service name).
 */
public final class FlinkRestProbe implements HealthProbe {
    private final String restPortVariable;
    private final Optional<String> taskManagerRpcPortVariable;

    private FlinkRestProbe(String restPortVariable, Optional<String> taskManagerRpcPortVariable) {
        this.restPortVariable = requireNonNull(restPortVariable, "restPortVariable");
        this.taskManagerRpcPortVariable = requireNonNull(taskManagerRpcPortVariable, "taskManagerRpcPortVariable");
    }

    public static FlinkRestProbe jobManager(String restPortVariable) {
        return new FlinkRestProbe(restPortVariable, Optional.empty());
    }

    public static FlinkRestProbe taskManager(String restPortVariable, String taskManagerRpcPortVariable) {
        return new FlinkRestProbe(restPortVariable, Optional.of(taskManagerRpcPortVariable));
    }

    @Override
    public String describe() {
        return taskManagerRpcPortVariable.isPresent()
                ? "registered with the JobManager (REST GET /taskmanagers)"
                : "JobManager REST GET /overview";
    }

    @Override
    public ProbeResult probe(ProbeTarget target) {
        String base = "http://" + OtherService.host(target, "FLINK_JOBMANAGER_HOST") + ":"
                + target.port(restPortVariable);
        try {
            if (taskManagerRpcPortVariable.isEmpty()) {
                JsonNode overview = HttpJson.get(base + "/overview");
                if (!overview.hasNonNull("flink-version")) {
                    return ProbeResult.unhealthy("GET /overview at " + base + " gave no Flink overview: " + overview);
                }
                return ProbeResult.healthy("Flink " + overview.path("flink-version").asText() + ", "
                        + overview.path("taskmanagers").asInt() + " TaskManager(s), "
                        + overview.path("slots-available").asInt() + "/" + overview.path("slots-total").asInt()
                        + " slots free, " + overview.path("jobs-running").asInt() + " job(s) running");
            }
            String marker = ":" + target.port(taskManagerRpcPortVariable.get()) + "/";
            JsonNode taskManagers = HttpJson.get(base + "/taskmanagers").path("taskmanagers");
            for (JsonNode taskManager : taskManagers) {
                if (taskManager.path("path").asText().contains(marker)) {
                    return ProbeResult.healthy("registered as " + taskManager.path("id").asText() + ", "
                            + taskManager.path("freeSlots").asInt() + "/" + taskManager.path("slotsNumber").asInt()
                            + " slots free");
                }
            }
            return ProbeResult.unhealthy("not (yet) registered with the JobManager at " + base + ": "
                    + taskManagers.size() + " other TaskManager(s)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.unhealthy("interrupted");
        } catch (Exception e) {
            return ProbeResult.unhealthy("Flink REST at " + base + " failed: " + Failures.message(e));
        }
    }
}
