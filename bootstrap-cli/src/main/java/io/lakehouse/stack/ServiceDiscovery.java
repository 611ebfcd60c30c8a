package io.lakehouse.stack;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The service descriptions in the given packages (not their subpackages): every {@link ServiceDescription} and
 * {@link OnDemandDescription} the classpath lists in {@code META-INF/services}, which the compiler writes for each
 * class annotated {@code @AutoService} (no list kept by hand; reading it costs nothing at start-up, where scanning
 * the CLI's jar of 90,000 entries took over a second). The services come in layers (what needs nothing first; a
 * service after everything it starts after or uses), by name within a layer, so the order does not depend on how
 * the classpath lists them.
 */
final class ServiceDiscovery {
    /** What the packages describe. */
    record Found(List<ServiceDefinition> services, List<OnDemandService> onDemand) {
    }

    private ServiceDiscovery() {
    }

    static Found in(Versions versions, String... packages) {
        Set<String> wanted = Set.of(packages);
        List<ServiceDefinition> services = new ArrayList<>();
        ServiceLoader.load(ServiceDescription.class, ServiceDescription.class.getClassLoader()).stream()
                .filter(provider -> wanted.contains(provider.type().getPackageName()))
                .forEach(provider -> services.add(provider.get().definition(versions)));
        if (services.isEmpty()) {
            throw new IllegalStateException("no service description found in " + String.join(", ", packages)
                    + " (is the CLI built with Maven? @AutoService lists them)");
        }
        List<OnDemandService> onDemand = new ArrayList<>();
        ServiceLoader.load(OnDemandDescription.class, OnDemandDescription.class.getClassLoader()).stream()
                .filter(provider -> wanted.contains(provider.type().getPackageName()))
                .forEach(provider -> onDemand.add(provider.get().definition(versions)));
        onDemand.sort(Comparator.comparing(OnDemandService::name));
        return new Found(layered(services), List.copyOf(onDemand));
    }

    /** By layer (the longest chain of what it starts after or uses), then by name. */
    private static List<ServiceDefinition> layered(List<ServiceDefinition> services) {
        Map<String, ServiceDefinition> byName = new HashMap<>();
        services.forEach(s -> byName.put(s.name(), s));
        Map<String, Integer> layers = new HashMap<>();
        for (ServiceDefinition service : services) {
            layer(service.name(), byName, layers, new ArrayList<>());
        }
        return services.stream().sorted(Comparator.comparing((ServiceDefinition s) -> layers.get(s.name()))
                .thenComparing(ServiceDefinition::name)).toList();
    }

    private static int layer(String name, Map<String, ServiceDefinition> byName, Map<String, Integer> layers,
                             List<String> path) {
        Integer known = layers.get(name);
        if (known != null) {
            return known;
        }
        ServiceDefinition service = byName.get(name);
        if (service == null || path.contains(name)) {
            return 0;   // an unknown service or a cycle: DependencyGraph names it
        }
        path.add(name);
        int layer = 0;
        List<String> needs = new ArrayList<>(service.dependsOn());
        needs.addAll(service.uses());
        for (String need : needs) {
            layer = Math.max(layer, layer(need, byName, layers, path) + 1);
        }
        path.remove(name);
        layers.put(name, layer);
        return layer;
    }
}
