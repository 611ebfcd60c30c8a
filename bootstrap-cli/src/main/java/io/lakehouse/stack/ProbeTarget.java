package io.lakehouse.stack;

import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where a probe finds a service from the host: an address, the resolved ports by variable name,
 * and the generated credentials it may log in with.
 */
public record ProbeTarget(String host, Map<String, Integer> ports, Map<String, String> secrets) {
    public ProbeTarget {
        requireNonNull(host, "host");
        ports = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ports));
        secrets = Map.copyOf(secrets);
    }

    public int port(String variable) {
        Integer port = ports.get(variable);
        if (port == null) {
            throw new IllegalStateException("no port " + variable + " known to this probe target: " + ports.keySet());
        }
        return port;
    }

    public Optional<String> secret(String name) {
        return Optional.ofNullable(secrets.get(name));
    }
}
