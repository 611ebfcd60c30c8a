package io.lakehouse.stack.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakehouse.stack.HealthProbe;
import io.lakehouse.stack.ProbeResult;
import io.lakehouse.stack.ProbeTarget;

import static java.util.Objects.requireNonNull;

/** The Spark master is healthy when its web UI's {@code /json/} reports status ALIVE (the elected, serving master). */
public final class SparkMasterProbe implements HealthProbe {
    private final String uiPortVariable;

    public SparkMasterProbe(String uiPortVariable) {
        this.uiPortVariable = requireNonNull(uiPortVariable, "uiPortVariable");
    }

    @Override
    public String describe() {
        return "Spark master /json/ status ALIVE";
    }

    @Override
    public ProbeResult probe(ProbeTarget target) {
        String url = "http://" + target.address(uiPortVariable) + "/json/";
        try {
            JsonNode master = HttpJson.get(url);
            String status = master.path("status").asText("");
            if (!"ALIVE".equals(status)) {
                return ProbeResult.unhealthy("master status is " + (status.isEmpty() ? "unknown" : status));
            }
            return ProbeResult.healthy(master.path("url").asText("master") + " ALIVE, "
                    + master.path("aliveworkers").asInt() + " worker(s), "
                    + master.path("activeapps").size() + " running application(s)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.unhealthy("interrupted");
        } catch (Exception e) {
            return ProbeResult.unhealthy("Spark master UI at " + url + " failed: " + Failures.message(e));
        }
    }
}
