package io.lakehouse.stack.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakehouse.stack.HealthProbe;
import io.lakehouse.stack.ProbeResult;
import io.lakehouse.stack.ProbeTarget;

import static java.util.Objects.requireNonNull;

/**
 * The NameNode is healthy when WebHDFS answers {@code GETFILESTATUS /} and the NameNode is active and out of
 * safe mode (a NameNode in safe mode accepts no writes).
 */
public final class NameNodeProbe implements HealthProbe {
    private final String httpPortVariable;

    public NameNodeProbe(String httpPortVariable) {
        this.httpPortVariable = requireNonNull(httpPortVariable, "httpPortVariable");
    }

    @Override
    public String describe() {
        return "WebHDFS GETFILESTATUS / and safe mode off";
    }

    @Override
    public ProbeResult probe(ProbeTarget target) {
        String base = "http://" + target.address(httpPortVariable);
        try {
            JsonNode root = HttpJson.get(base + "/webhdfs/v1/?op=GETFILESTATUS").path("FileStatus");
            if (!"DIRECTORY".equals(root.path("type").asText())) {
                return ProbeResult.unhealthy("WebHDFS GETFILESTATUS / did not return a directory");
            }
            JsonNode info = HttpJson.jmxBean(base, "Hadoop:service=NameNode,name=NameNodeInfo");
            String safeMode = info.path("Safemode").asText("");
            if (!safeMode.isBlank()) {
                return ProbeResult.unhealthy("in safe mode: " + safeMode.lines().findFirst().orElse(safeMode));
            }
            JsonNode state = HttpJson.jmxBean(base, "Hadoop:service=NameNode,name=FSNamesystemState");
            return ProbeResult.healthy("active, out of safe mode, " + state.path("NumLiveDataNodes").asInt()
                    + " live DataNode(s)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.unhealthy("interrupted");
        } catch (Exception e) {
            return ProbeResult.unhealthy("WebHDFS at " + base + " failed: " + Failures.message(e));
        }
    }
}
