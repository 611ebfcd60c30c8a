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
    private final ScaleSpec scale;

    public ServiceCatalog(Collection<ServiceDefinition> definitions) {
        this(definitions, List.of());
    }

    public ServiceCatalog(Collection<ServiceDefinition> definitions, List<OnDemandService> onDemand) {
        this(definitions, onDemand, ScaleSpec.STANDARD);
    }

    ServiceCatalog(Collection<ServiceDefinition> definitions, List<OnDemandService> onDemand, ScaleSpec scale) {
        this.onDemand = List.copyOf(onDemand);
        this.scale = java.util.Objects.requireNonNull(scale, "scale");
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

    /**
     * This catalog at another scale: each scaled role's added instances as services of their own
     * ({@link ScaledCatalog}). The standard scale gives this catalog itself.
     *
     * @throws ScaleSpecException for a role that does not exist or cannot scale, or a count out of range
     */
    public ServiceCatalog scaled(ScaleSpec spec) {
        if (!scale.isStandard()) {
            throw new IllegalStateException("this catalog is scaled already (" + scale + ")");
        }
        return ScaledCatalog.of(this, spec);
    }

    /** The scale this catalog runs at: only the roles not at their standard count. */
    public ScaleSpec scale() {
        return scale;
    }

    /** The roles {@code --scale} takes, each with the service whose instances it counts. */
    public Map<String, ServiceDefinition> roles() {
        return ScaledCatalog.roles(this);
    }

    /** The instances of a scalable service: the service itself first, then its added instances by ordinal. */
    public List<ServiceDefinition> instancesOf(String original) {
        List<ServiceDefinition> instances = new java.util.ArrayList<>(List.of(get(original)));
        services.values().stream()
                .filter(s -> s.instance().map(i -> i.original().equals(original)).orElse(false))
                .sorted(java.util.Comparator.comparingInt(s -> s.instance().get().ordinal()))
                .forEach(instances::add);
        return instances;
    }

    /**
     * The template variables every service reads that depend on how many instances a role has (HDFS's replication,
     * Kafka's quorum, whether Trino's coordinator also works), as the scalable services declare them; a value may
     * hold {@code ${VARIABLE}}s, rendered with the reading service's addresses.
     */
    public Map<String, String> clusterVariables() {
        Map<String, String> variables = new LinkedHashMap<>();
        for (ServiceDefinition service : all()) {
            if (service.instance().isPresent() || service.scaling().isEmpty()) {
                continue;
            }
            List<ServiceDefinition> instances = instancesOf(service.name());
            service.scaling().get().clusterVariables().forEach((variable, value) ->
                    variables.put(variable, value.apply(instances)));
        }
        return variables;
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
        List<String> closure = graph.closure(names);
        List<String> whole = withInstances(closure);
        return (whole.size() == closure.size() ? closure : graph.closure(whole)).stream().map(services::get).toList();
    }

    /** The named services and everything that needs them, in start order. */
    public List<ServiceDefinition> withDependents(Collection<String> names) {
        if (names.isEmpty()) {
            return all();
        }
        names.forEach(this::get);
        return graph.dependents(withInstances(names)).stream().map(services::get).toList();
    }

    /**
     * The names with the added instances of each (at a scale): a role runs whole, since a Trino coordinator that
     * schedules nothing on itself needs its workers and a KRaft broker its quorum's other voters.
     */
    private List<String> withInstances(Collection<String> names) {
        List<String> whole = new java.util.ArrayList<>(names);
        for (ServiceDefinition service : services.values()) {
            if (service.instance().map(i -> names.contains(i.original())).orElse(false)
                    && !whole.contains(service.name())) {
                whole.add(service.name());
            }
        }
        return whole;
    }
}
