package io.lakehouse.stack.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakehouse.stack.HealthProbe;
import io.lakehouse.stack.ProbeResult;
import io.lakehouse.stack.ProbeTarget;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Airflow is healthy when its API server answers {@code GET /api/v2/monitor/health} (no login needed) with the
 * metadata database and the scheduler healthy: then a triggered DAG run is picked up. The DAG processor and the
 * triggerer are reported too; a missing heartbeat of theirs right after start is not a failure.
 */
public final class AirflowHealthProbe implements HealthProbe {
    static final String PATH = "/api/v2/monitor/health";
    private static final List<String> REQUIRED = List.of("metadatabase", "scheduler");
    private static final List<String> REPORTED = List.of("dag_processor", "triggerer");

    private final String portVariable;

    public AirflowHealthProbe(String portVariable) {
        this.portVariable = requireNonNull(portVariable, "portVariable");
    }

    @Override
    public String describe() {
        return "Airflow " + PATH + ": metadatabase and scheduler healthy";
    }

    @Override
    public ProbeResult probe(ProbeTarget target) {
        String url = "http://" + target.address(portVariable) + PATH;
        try {
            return judge(HttpJson.get(url));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.unhealthy("interrupted");
        } catch (Exception e) {
            return ProbeResult.unhealthy("Airflow at " + url + " failed: " + Failures.message(e));
        }
    }

    /** The verdict on one health document. */
    static ProbeResult judge(JsonNode health) {
        List<String> problems = new ArrayList<>();
        List<String> parts = new ArrayList<>();
        for (String component : REQUIRED) {
            String status = health.path(component).path("status").asText("absent");
            if (!"healthy".equals(status)) {
                problems.add(component + " " + status);
            }
        }
        if (!problems.isEmpty()) {
            return ProbeResult.unhealthy("Airflow not ready: " + String.join(", ", problems));
        }
        for (String component : REPORTED) {
            JsonNode node = health.path(component);
            if (!node.isMissingNode()) {
                parts.add(component.replace('_', ' ') + " " + node.path("status").asText("no heartbeat yet"));
            }
        }
        return ProbeResult.healthy("metadatabase and scheduler healthy"
                + (parts.isEmpty() ? "" : ", " + String.join(", ", parts)));
    }
}
