package io.lakehouse.stack;


import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry of platform services with their dependency graph: the descriptions found in a package
 * ({@link #standard()}), in dependency layers and by name within one.
 */
public final class ServiceCatalog {
    private final Map<String, ServiceDefinition> services = new LinkedHashMap<>();
    private final DependencyGraph graph;
    private final List<OnDemandService> onDemand;

    public ServiceCatalog(Collection<ServiceDefinition> definitions) {
        this(definitions, List.of());
    }

    public ServiceCatalog(Collection<ServiceDefinition> definitions, List<OnDemandService> onDemand) {
        this.onDemand = List.copyOf(onDemand);
        for (ServiceDefinition definition : definitions) {
            if (services.put(definition.name(), definition) != null) {
                throw new IllegalArgumentException("service declared twice: " + definition.name());
            }
        }
        this.graph = DependencyGraph.of(services.values());
    }

    /** The package where the platform's service descriptions live. */
    public static final String SERVICES_PACKAGE = "io.lakehouse.stack.services";

    private static volatile ServiceCatalog standard;

    /** The platform as shipped: every description in {@link #SERVICES_PACKAGE} (found once per JVM). */
    public static ServiceCatalog standard() {
        ServiceCatalog catalog = standard;
        if (catalog == null) {
            catalog = discovered(SERVICES_PACKAGE);
            standard = catalog;
        }
        return catalog;
    }

    /** The services described in these packages ({@link ServiceDescription}, {@link OnDemandDescription}). */
    public static ServiceCatalog discovered(String... packages) {
        ServiceDiscovery.Found found = ServiceDiscovery.in(Versions.pinned(), packages);
        return new ServiceCatalog(found.services(), found.onDemand());
    }

    /** Services only the docker runtime starts, when their vendor's image is present (not waited for). */
    public List<OnDemandService> onDemand() {
        return onDemand;
    }

    public OnDemandService onDemand(String name) {
        return onDemand.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no on-demand service " + name));
    }

    public ServiceDefinition get(String name) {
        ServiceDefinition definition = services.get(name);
        if (definition == null) {
            throw new UnknownServiceException(name, services.keySet());
        }
        return definition;
    }

    public List<ServiceDefinition> all() {
        return graph.startOrder().stream().map(services::get).toList();
    }

    public DependencyGraph graph() {
        return graph;
    }

    /** The named services and what they need, in start order; all services when none is named. */
    public List<ServiceDefinition> withDependencies(Collection<String> names) {
        if (names.isEmpty()) {
            return all();
        }
        names.forEach(this::get);
        return graph.closure(names).stream().map(services::get).toList();
    }

    /** The named services and everything that needs them, in start order. */
    public List<ServiceDefinition> withDependents(Collection<String> names) {
        if (names.isEmpty()) {
            return all();
        }
        names.forEach(this::get);
        return graph.dependents(names).stream().map(services::get).toList();
    }
}
