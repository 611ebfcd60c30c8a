package io.lakehouse.stack.health;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.lakehouse.stack.HealthProbe;
import io.lakehouse.stack.ProbeResult;
import io.lakehouse.stack.ProbeTarget;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * A CQL store (ScyllaDB or Cassandra) is healthy when the driver connects and {@code system.local} answers with the
 * node's release version and cluster name. A driver connection, not a raw TCP connect, which would only fill the
 * server's log with protocol errors.
 */
public final class CqlProbe implements HealthProbe {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

    private final String portVariable;

    public CqlProbe(String portVariable) {
        this.portVariable = requireNonNull(portVariable, "portVariable");
    }

    @Override
    public String describe() {
        return "CQL SELECT FROM system.local";
    }

    @Override
    public ProbeResult probe(ProbeTarget target) {
        String address = target.address(portVariable);
        try (CqlSession session = CqlSessions.open(target.hostOf(portVariable), target.port(portVariable), CONNECT_TIMEOUT,
                REQUEST_TIMEOUT, false)) {
            Row local = session.execute("SELECT release_version, cluster_name, data_center FROM system.local").one();
            if (local == null) {
                return ProbeResult.unhealthy("system.local at " + address + " returned no row");
            }
            return ProbeResult.healthy("CQL " + local.getString("release_version") + ", cluster "
                    + local.getString("cluster_name") + ", datacenter " + local.getString("data_center"));
        } catch (Exception e) {
            return ProbeResult.unhealthy("CQL at " + address + " failed: " + Failures.message(e));
        }
    }
}
