package io.lakehouse.stack;

import static java.util.Objects.requireNonNull;

/**
 * A port a service listens on. {@code variable} is the name config templates use ({@code ${KAFKA_PORT}}) and,
 * prefixed with {@code LAKEHOUSE_}, the environment variable that overrides it on the host. A published port is
 * reachable from the host under the docker runtime too (same number inside and outside the container); an
 * unpublished one serves only the other services (a controller quorum, an internal listener).
 */
public record PortSpec(String variable, int defaultPort, String purpose, boolean published) {
    public PortSpec {
        requireNonNull(variable, "variable");
        requireNonNull(purpose, "purpose");
        if (!variable.matches("[A-Z][A-Z0-9_]*_PORT")) {
            throw new IllegalArgumentException("port variable must look like NAME_PORT: " + variable);
        }
        if (defaultPort < 1 || defaultPort > 65535) {
            throw new IllegalArgumentException("port out of range: " + defaultPort);
        }
    }

    public String overrideVariable() {
        return "LAKEHOUSE_" + variable;
    }
}
