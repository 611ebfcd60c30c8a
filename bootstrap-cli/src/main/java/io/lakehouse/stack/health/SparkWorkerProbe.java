package io.lakehouse.stack.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakehouse.stack.HealthProbe;
import io.lakehouse.stack.ProbeResult;
import io.lakehouse.stack.ProbeTarget;

import static java.util.Objects.requireNonNull;

/**
 * A Spark worker is healthy when the master lists it, by the id the worker's own {@code /json/} reports, as ALIVE:
 * registered and heartbeating, so the master can give its cores to applications.
 */
public final class SparkWorkerProbe implements HealthProbe {
    private final String workerUiPortVariable;
    private final String masterUiPortVariable;

    public SparkWorkerProbe(String workerUiPortVariable, String masterUiPortVariable) {
        this.workerUiPortVariable = requireNonNull(workerUiPortVariable, "workerUiPortVariable");
        this.masterUiPortVariable = requireNonNull(masterUiPortVariable, "masterUiPortVariable");
    }

    @Override
    public String describe() {
        return "Spark worker registered ALIVE with the master (/json/ of both)";
    }

    @Override
    public ProbeResult probe(ProbeTarget target) {
        String workerUrl = "http://" + target.address(workerUiPortVariable) + "/json/";
        String masterUrl = "http://" + OtherService.host(target, "SPARK_MASTER_HOST") + ":"
                + target.port(masterUiPortVariable) + "/json/";
        try {
            JsonNode worker = HttpJson.get(workerUrl);
            String id = worker.path("id").asText("");
            if (id.isEmpty()) {
                return ProbeResult.unhealthy("worker /json/ reports no id yet");
            }
            JsonNode master = HttpJson.get(masterUrl);
            for (JsonNode listed : master.path("workers")) {
                if (id.equals(listed.path("id").asText())) {
                    String state = listed.path("state").asText("");
                    if (!"ALIVE".equals(state)) {
                        return ProbeResult.unhealthy(id + " is " + state + " at the master");
                    }
                    return ProbeResult.healthy(id + " ALIVE at " + master.path("url").asText("the master") + ", "
                            + listed.path("cores").asInt() + " cores, " + listed.path("memory").asInt() + " MiB");
                }
            }
            return ProbeResult.unhealthy(id + " not (yet) registered with the master");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.unhealthy("interrupted");
        } catch (Exception e) {
            return ProbeResult.unhealthy("Spark worker/master /json/ failed: " + Failures.message(e));
        }
    }
}
