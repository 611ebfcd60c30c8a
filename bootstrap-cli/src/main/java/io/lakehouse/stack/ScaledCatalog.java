package io.lakehouse.stack;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Scaling as a transformation of the model: the catalog with each scaled role's added instances, every one an
 * ordinary {@link ServiceDefinition} ({@code datanode-2}) with its own name, ports, data and log, so that every
 * runtime and every generated deployment runs it as it runs any service.
 *
 * <p>An added instance's ports are the original's, each moved by {@value #PORT_STEP} per ordinal
 * ({@code datanode-2}'s block port 9866 + 100 = 9966), and by another {@value #PORT_STEP} while that number is
 * taken by another port of the model: no port is typed by hand, and {@code LAKEHOUSE_PORT_OFFSET} shifts them all
 * alike. Its port variables are its own ({@code DATANODE_2_PORT}); the original's config templates, command line
 * and probe read them under the original's names ({@link ServiceDefinition.Instance#ownVariables}).
 */
final class ScaledCatalog {
    static final int PORT_STEP = 100;

    private ScaledCatalog() {
    }

    static ServiceCatalog of(ServiceCatalog standard, ScaleSpec spec) {
        Map<String, ServiceDefinition> roles = roles(standard);
        Map<String, Integer> effective = new TreeMap<>();
        spec.counts().forEach((role, count) -> {
            ServiceDefinition original = roles.get(role);
            if (original == null) {
                throw unknownRole(standard, roles, role);
            }
            Scaling scaling = original.scaling().orElseThrow();
            if (count < scaling.minimum(original) || count > scaling.maximum(original)) {
                throw new ScaleSpecException("--scale " + role + "=" + count + " is out of range: " + role + " runs "
                        + scaling.minimum(original) + " to " + scaling.maximum(original) + " instance(s) here");
            }
            if (count != scaling.standardCount(original)) {
                effective.put(role, count);
            }
        });
        if (effective.isEmpty()) {
            return standard;
        }
        Set<Integer> taken = new HashSet<>();
        standard.all().forEach(s -> s.ports().forEach(p -> taken.add(p.defaultPort())));
        List<ServiceDefinition> services = new ArrayList<>();
        for (ServiceDefinition service : standard.all()) {
            services.add(service);
            if (service.scaling().isEmpty()) {
                continue;
            }
            Scaling scaling = service.scaling().get();
            int count = effective.getOrDefault(scaling.role(), scaling.standardCount(service));
            int added = scaling.countsOriginal(service) ? count - 1 : count;
            for (int ordinal = 1; ordinal <= added; ordinal++) {
                services.add(instance(service, scaling, ordinal, taken));
            }
        }
        return new ServiceCatalog(services, standard.onDemand(), new ScaleSpec(effective));
    }

    private static ServiceDefinition instance(ServiceDefinition original, Scaling scaling, int ordinal,
                                              Set<Integer> taken) {
        String name = scaling.instanceName(original, ordinal);
        String prefix = name.toUpperCase().replace('-', '_');
        Map<String, String> own = new LinkedHashMap<>();
        List<PortSpec> ports = new ArrayList<>();
        for (PortSpec port : original.ports()) {
            String variable = ownVariable(original, prefix, port.variable());
            own.put(port.variable(), variable);
            int number = port.defaultPort() + PORT_STEP * ordinal;
            while (!taken.add(number)) {
                number += PORT_STEP;
            }
            PortSpec spec = new PortSpec(variable, number, port.purpose(), port.published());
            ports.add(port.insideVariable().map(inside -> spec.insideOn(ownVariable(original, prefix, inside)))
                    .orElse(spec));
        }
        own.put(original.hostVariable(), prefix + "_HOST");
        Map<String, String> variables = new LinkedHashMap<>(original.variables());
        variables.putAll(scaling.instanceVariables());
        scaling.ordinalVariable().ifPresent(v -> variables.put(v, Integer.toString(ordinal + 1)));
        HealthProbe probe = new InstanceProbe(scaling.instanceHealth().orElse(original.health()), own);
        String description = scaling.instanceDescription().orElse(original.description()) + ", " + name
                + " of --scale " + scaling.role();
        return original.asInstance(name, description, ports, probe, variables,
                new ServiceDefinition.Instance(original.name(), ordinal, own));
    }

    /** {@code DATANODE_HTTP_PORT} of {@code datanode-2} is {@code DATANODE_2_HTTP_PORT}. */
    private static String ownVariable(ServiceDefinition original, String prefix, String variable) {
        String originalPrefix = original.variablePrefix() + "_";
        return variable.startsWith(originalPrefix)
                ? prefix + "_" + variable.substring(originalPrefix.length())
                : prefix + "_" + variable;
    }

    /** Each scalable role, and the service whose instances it counts. */
    static Map<String, ServiceDefinition> roles(ServiceCatalog catalog) {
        Map<String, ServiceDefinition> roles = new TreeMap<>();
        catalog.all().stream().filter(s -> s.scaling().isPresent() && s.instance().isEmpty())
                .forEach(s -> roles.put(s.scaling().get().role(), s));
        return roles;
    }

    private static ScaleSpecException unknownRole(ServiceCatalog catalog, Map<String, ServiceDefinition> roles,
                                                  String role) {
        String scalable = "; roles that scale: " + String.join(", ", roles.keySet());
        boolean isService = catalog.all().stream().anyMatch(s -> s.name().equals(role));
        return new ScaleSpecException(isService
                ? "--scale " + role + ": " + role + " runs as one instance only (it keeps the stack's single copy of "
                        + "what it serves, or one is all it needs)" + scalable
                : "--scale " + role + ": no such role" + scalable);
    }
}
