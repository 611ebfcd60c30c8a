package io.lakehouse.stack.health;

import io.lakehouse.stack.HealthProbe;
import io.lakehouse.stack.ProbeResult;
import io.lakehouse.stack.ProbeTarget;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/** Kafka is healthy when an admin {@code describeCluster} call answers with at least one broker. */
public final class KafkaAdminProbe implements HealthProbe {
    private final String portVariable;

    public KafkaAdminProbe(String portVariable) {
        this.portVariable = requireNonNull(portVariable, "portVariable");
    }

    @Override
    public String describe() {
        return "Kafka admin describeCluster";
    }

    @Override
    public ProbeResult probe(ProbeTarget target) {
        String bootstrap = target.address(portVariable);
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000,
                AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, 1000,
                AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, 2000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500);
        try (Admin admin = Admin.create(config)) {
            DescribeClusterResult cluster = admin.describeCluster();
            Collection<Node> nodes = cluster.nodes().get(4, TimeUnit.SECONDS);
            String clusterId = cluster.clusterId().get(4, TimeUnit.SECONDS);
            if (nodes.isEmpty()) {
                return ProbeResult.unhealthy("describeCluster at " + bootstrap + " returned no broker");
            }
            return ProbeResult.healthy(nodes.size() + " broker(s), cluster " + clusterId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.unhealthy("interrupted");
        } catch (Exception e) {
            return ProbeResult.unhealthy("describeCluster at " + bootstrap + " failed: " + Failures.message(e));
        }
    }
}
