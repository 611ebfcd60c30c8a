package io.lakehouse.stack.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakehouse.stack.HealthProbe;
import io.lakehouse.stack.ProbeResult;
import io.lakehouse.stack.ProbeTarget;

import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Probes a Kafka Connect worker through its REST API: {@code GET /} answers with the worker's version,
 * {@code GET /health} says the worker finished starting (joined its group, read its config topic), and
 * {@code GET /connector-plugins} lists the connector class the platform needs (found on plugin.path). The detail
 * also names each connector's state ({@code GET /connectors?expand=status}), with the first line of the trace of a
 * failed one: a failed connector leaves the worker healthy, but {@code status} shows it.
 */
public final class KafkaConnectProbe implements HealthProbe {
    private final String restPortVariable;
    private final String requiredConnectorClass;

    public KafkaConnectProbe(String restPortVariable, String requiredConnectorClass) {
        this.restPortVariable = requireNonNull(restPortVariable, "restPortVariable");
        this.requiredConnectorClass = requireNonNull(requiredConnectorClass, "requiredConnectorClass");
    }

    /** "shop-cdc RUNNING; other FAILED: first line of its trace", or "no connectors". */
    static String connectorStates(JsonNode expanded) {
        List<String> states = new ArrayList<>();
        expanded.fields().forEachRemaining(entry ->
                states.add(entry.getKey() + " " + connectorState(entry.getValue().path("status"))));
        return states.isEmpty() ? "no connectors" : String.join("; ", states);
    }

    /**
     * The state of one connector from its {@code GET /connectors/NAME/status}: "RUNNING", or "FAILED: ..." with the
     * first line of the trace of the connector or of its first failed task.
     */
    public static String connectorState(JsonNode status) {
        JsonNode connector = status.path("connector");
        if ("FAILED".equals(connector.path("state").asText())) {
            return "FAILED: " + firstLine(connector.path("trace").asText());
        }
        for (JsonNode task : status.path("tasks")) {
            if ("FAILED".equals(task.path("state").asText())) {
                return "FAILED (task " + task.path("id").asInt() + "): " + firstLine(task.path("trace").asText());
            }
        }
        return connector.path("state").asText("UNKNOWN");
    }

    private static String firstLine(String trace) {
        int end = trace.indexOf('\n');
        return (end < 0 ? trace : trace.substring(0, end)).strip();
    }

    @Override
    public String describe() {
        return "Kafka Connect REST GET /, /health and /connector-plugins lists " + requiredConnectorClass;
    }

    @Override
    public ProbeResult probe(ProbeTarget target) {
        String base = "http://" + target.address(restPortVariable);
        try {
            JsonNode root = HttpJson.get(base + "/");
            if (!root.hasNonNull("version")) {
                return ProbeResult.unhealthy("GET / at " + base + " gave no Connect version: " + root);
            }
            JsonNode health = HttpJson.get(base + "/health");
            if (!"healthy".equals(health.path("status").asText())) {
                return ProbeResult.unhealthy("worker not ready: " + health.path("message").asText(health.toString()));
            }
            for (JsonNode plugin : HttpJson.get(base + "/connector-plugins")) {
                if (requiredConnectorClass.equals(plugin.path("class").asText())) {
                    return ProbeResult.healthy(connectorStates(HttpJson.get(base + "/connectors?expand=status"))
                            + " (Connect " + root.path("version").asText() + ", "
                            + plugin.path("class").asText().replaceAll(".*\\.", "") + " "
                            + plugin.path("version").asText() + ")");
                }
            }
            return ProbeResult.unhealthy("connector " + requiredConnectorClass + " is not among the worker's "
                    + "plugins (GET /connector-plugins): check plugin.path and the service folder's plugins/");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.unhealthy("interrupted");
        } catch (Exception e) {
            return ProbeResult.unhealthy("Kafka Connect REST at " + base + " failed: " + Failures.message(e));
        }
    }
}
