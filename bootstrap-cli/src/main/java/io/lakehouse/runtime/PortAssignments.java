package io.lakehouse.runtime;

import io.lakehouse.stack.PortSpec;
import io.lakehouse.stack.ServiceDefinition;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The host ports services use: each port's default unless {@code LAKEHOUSE_<VARIABLE>} overrides it
 * (e.g. {@code LAKEHOUSE_MYSQL_PORT=3307} when a local MySQL already holds 3306), shifted by
 * {@code LAKEHOUSE_PORT_OFFSET} when set (a second stack beside the first: {@code LAKEHOUSE_PORT_OFFSET=10000}).
 */
public final class PortAssignments {
    private PortAssignments() {
    }

    public static Map<String, Integer> resolve(Collection<ServiceDefinition> services, Function<String, String> env) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (ServiceDefinition service : services) {
            for (PortSpec spec : service.ports()) {
                ports.put(spec.variable(), resolve(spec, env));
            }
        }
        return ports;
    }

    public static Map<String, Integer> fromEnvironment(Collection<ServiceDefinition> services) {
        return resolve(services, System::getenv);
    }

    static int resolve(PortSpec spec, Function<String, String> env) {
        String override = env.apply(spec.overrideVariable());
        if (override == null || override.isBlank()) {
            return spec.defaultPort() + offset(env);
        }
        try {
            int port = Integer.parseInt(override.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(spec.overrideVariable() + "=" + override
                + " is not a port number (1-65535)");
    }

    static int offset(Function<String, String> env) {
        String offset = env.apply("LAKEHOUSE_PORT_OFFSET");
        if (offset == null || offset.isBlank()) {
            return 0;
        }
        try {
            int value = Integer.parseInt(offset.trim());
            if (value >= 0 && value <= 50000) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("LAKEHOUSE_PORT_OFFSET=" + offset + " is not an offset (0-50000)");
    }
}
