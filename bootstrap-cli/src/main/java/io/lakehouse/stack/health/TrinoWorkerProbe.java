package io.lakehouse.stack.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakehouse.stack.HealthProbe;
import io.lakehouse.stack.ProbeResult;
import io.lakehouse.stack.ProbeTarget;

import static java.util.Objects.requireNonNull;

/**
 * A Trino worker is healthy when its {@code GET /v1/info} says it is not starting and not a coordinator: plugins and
 * catalogs loaded, HTTP up. It announces itself to the coordinator's discovery service on its own; the coordinator's
 * probe ({@link TrinoProbe}) runs a scheduled query, which needs a worker once the coordinator schedules none.
 */
public final class TrinoWorkerProbe implements HealthProbe {
    private final String httpPortVariable;

    public TrinoWorkerProbe(String httpPortVariable) {
        this.httpPortVariable = requireNonNull(httpPortVariable, "httpPortVariable");
    }

    @Override
    public String describe() {
        return "Trino worker /v1/info not starting";
    }

    @Override
    public ProbeResult probe(ProbeTarget target) {
        String base = "http://" + target.address(httpPortVariable);
        try {
            JsonNode info = HttpJson.get(base + "/v1/info");
            java.util.Optional<ProbeResult> notStarted = TrinoProbe.notStartedAs(info, base, false);
            if (notStarted.isPresent()) {
                return notStarted.get();
            }
            String version = info.path("nodeVersion").path("version").asText("?");
            return ProbeResult.healthy("Trino " + version + " worker, up " + info.path("uptime").asText("?"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.unhealthy("interrupted");
        } catch (Exception e) {
            return ProbeResult.unhealthy("Trino worker /v1/info at " + base + " failed: " + Failures.message(e));
        }
    }
}
