package io.lakehouse.stack.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehouse.stack.HealthProbe;
import io.lakehouse.stack.ProbeResult;
import io.lakehouse.stack.ProbeTarget;

import static java.util.Objects.requireNonNull;

/**
 * A DataNode is healthy when it has registered with its NameNode and its block-pool service is RUNNING
 * (heartbeating), read from the DataNode's own JMX servlet.
 */
public final class DataNodeProbe implements HealthProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String httpPortVariable;

    public DataNodeProbe(String httpPortVariable) {
        this.httpPortVariable = requireNonNull(httpPortVariable, "httpPortVariable");
    }

    @Override
    public String describe() {
        return "DataNode registered with the NameNode (JMX BPServiceActorInfo)";
    }

    @Override
    public ProbeResult probe(ProbeTarget target) {
        String base = "http://" + target.address(httpPortVariable);
        try {
            JsonNode info = HttpJson.jmxBean(base, "Hadoop:service=DataNode,name=DataNodeInfo");
            JsonNode actors = JSON.readTree(info.path("BPServiceActorInfo").asText("[]"));
            for (JsonNode actor : actors) {
                if ("RUNNING".equals(actor.path("ActorState").asText())) {
                    return ProbeResult.healthy("registered with NameNode " + actor.path("NamenodeAddress").asText());
                }
            }
            return ProbeResult.unhealthy("not yet registered with a NameNode: " + actors);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.unhealthy("interrupted");
        } catch (Exception e) {
            return ProbeResult.unhealthy("DataNode JMX at " + base + " failed: " + Failures.message(e));
        }
    }
}
