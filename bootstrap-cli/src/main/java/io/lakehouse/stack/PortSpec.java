package io.lakehouse.stack;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A port a service listens on. {@code variable} is the name config templates use ({@code ${KAFKA_PORT}}) and,
 * prefixed with {@code LAKEHOUSE_}, the environment variable that overrides it on the host. A published port is
 * reachable from the host under the docker runtime too (same number inside and outside the container); an
 * unpublished one serves only the other services (a controller quorum, an internal listener). A port whose listener
 * hands out host addresses (Kafka's) names the port clients inside the compose network use instead.
 */
public record PortSpec(String variable, int defaultPort, String purpose, boolean published,
                       Optional<String> insideVariable) {
    public PortSpec {
        requireNonNull(variable, "variable");
        requireNonNull(purpose, "purpose");
        requireNonNull(insideVariable, "insideVariable");
        if (!variable.matches("[A-Z][A-Z0-9_]*_PORT")) {
            throw new IllegalArgumentException("port variable must look like NAME_PORT: " + variable);
        }
        if (defaultPort < 1 || defaultPort > 65535) {
            throw new IllegalArgumentException("port out of range: " + defaultPort);
        }
    }

    public PortSpec(String variable, int defaultPort, String purpose, boolean published) {
        this(variable, defaultPort, purpose, published, Optional.empty());
    }

    /** The same port, reached from inside the compose network on another port of the service (a listener for containers). */
    public PortSpec insideOn(String variable) {
        return new PortSpec(this.variable, defaultPort, purpose, published, Optional.of(variable));
    }

    public String overrideVariable() {
        return "LAKEHOUSE_" + variable;
    }
}
