package io.lakehouse.runtime;

import io.lakehouse.stack.StandIn;

import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * One row of {@code status}: the service, where it runs (pid or container), its ports, health, and its log.
 * {@code standIn} is present when the runtime runs a stand-in instead of the service's reference product
 * (Cassandra for ScyllaDB), which {@code status} and {@code up} then say plainly.
 */
public record ServiceStatus(String service, String version, RuntimeKind runtime, ServiceState state,
                            Optional<Long> pid, Optional<String> container, Map<String, Integer> ports,
                            String log, String detail, Optional<String> ui, Optional<StandIn> standIn) {
    public ServiceStatus {
        requireNonNull(service, "service");
        requireNonNull(version, "version");
        requireNonNull(runtime, "runtime");
        requireNonNull(state, "state");
        requireNonNull(pid, "pid");
        requireNonNull(container, "container");
        ports = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ports));
        requireNonNull(log, "log");
        requireNonNull(detail, "detail");
        requireNonNull(ui, "ui");
        requireNonNull(standIn, "standIn");
    }
}
