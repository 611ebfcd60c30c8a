package io.lakehouse.stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The one description of a platform service, interpreted by both runtimes: what it is, which version, the ports
 * it listens on, what it needs, how its health is probed, where its config templates live
 * ({@code compose/<configFolder>/}), how the local runtime launches it, and which compose service it is.
 * A service whose reference product no registry here offers (ScyllaDB, StarRocks) names the vendor's image the
 * docker runtime runs and the {@link StandIn} the local runtime runs instead; {@code version} is then the version
 * of what the project itself runs (the stand-in).
 *
 * <p>{@code variables} are template variables the service sets for itself (Kafka's {@code KAFKA_NODE_ID}, Trino's
 * {@code TRINO_COORDINATOR}); {@code scaling} says how the service runs as several instances ({@code --scale});
 * {@code instance} is present on an instance the scaled catalog added ({@code datanode-2}): whose instance it is and
 * which of the original's variables name its own.
 */
public record ServiceDefinition(
        String name,
        String description,
        String version,
        String configFolder,
        List<PortSpec> ports,
        List<String> dependsOn,
        List<String> uses,
        HealthProbe health,
        LocalLaunch local,
        String composeService,
        Duration startTimeout,
        int memoryBudgetMb,
        Optional<String> uiPath,
        Optional<String> uiLogin,
        Optional<StandIn> localStandIn,
        Optional<VendorImage> vendorImage,
        List<GeneratedValue> generatedValues,
        ContainerSettings container,
        Map<String, String> variables,
        Optional<Scaling> scaling,
        Optional<Instance> instance) {

    public ServiceDefinition {
        requireNonNull(name, "name");
        requireNonNull(description, "description");
        requireNonNull(version, "version");
        requireNonNull(configFolder, "configFolder");
        requireNonNull(health, "health");
        requireNonNull(local, "local");
        requireNonNull(composeService, "composeService");
        requireNonNull(startTimeout, "startTimeout");
        requireNonNull(uiPath, "uiPath");
        requireNonNull(uiLogin, "uiLogin");
        requireNonNull(localStandIn, "localStandIn");
        requireNonNull(vendorImage, "vendorImage");
        ports = List.copyOf(ports);
        dependsOn = List.copyOf(dependsOn);
        uses = List.copyOf(uses);
        generatedValues = List.copyOf(generatedValues);
        requireNonNull(container, "container");
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        requireNonNull(scaling, "scaling");
        requireNonNull(instance, "instance");
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("service names are lower-case words with dashes: " + name);
        }
    }

    /**
     * Everything this service needs in the stack: what it starts after ({@link #dependsOn}) and what it only talks
     * to once running ({@link #uses}); {@code up SERVICE} brings all of them, compose lists all as depends_on.
     */
    public List<String> needs() {
        List<String> all = new ArrayList<>(dependsOn);
        uses.stream().filter(u -> !all.contains(u)).forEach(all::add);
        return List.copyOf(all);
    }

    /** {@code hive-metastore} becomes {@code HIVE_METASTORE}, the prefix of its template variables. */
    public String variablePrefix() {
        return name.toUpperCase().replace('-', '_');
    }

    public String hostVariable() {
        return variablePrefix() + "_HOST";
    }

    /** The variable that names, for this service, what {@code originalVariable} names for the original. */
    public String ownVariable(String originalVariable) {
        return instance.map(i -> i.ownVariables().getOrDefault(originalVariable, originalVariable))
                .orElse(originalVariable);
    }

    public PortSpec primaryPort() {
        return ports.get(0);
    }

    /** This service as another instance: the scaled catalog's ({@link ScaledCatalog}) only way to make one. */
    ServiceDefinition asInstance(String instanceName, String instanceDescription, List<PortSpec> instancePorts,
                                 HealthProbe instanceHealth, Map<String, String> instanceVariables,
                                 Instance instanceOf) {
        List<String> reads = new ArrayList<>(container.reads());
        // the original generates the stack's values (the cluster id); an instance reads the same ones
        generatedValues.forEach(value -> reads.add(value.variable()));
        ContainerSettings settings = new ContainerSettings(container.environment(), reads, container.mounts(),
                container.stopGracePeriod(), container.initProcess(), container.runsCommands(),
                container.imagePackages(), container.keptData());
        return new ServiceDefinition(instanceName, instanceDescription, version, configFolder, instancePorts,
                dependsOn, uses, instanceHealth, local, instanceName, startTimeout, memoryBudgetMb, uiPath, uiLogin,
                localStandIn, vendorImage, List.of(), settings, instanceVariables, Optional.empty(),
                Optional.of(instanceOf));
    }

    /**
     * Whose instance a service is ({@code datanode-2} of {@code datanode}), its ordinal among the role's instances
     * (the original is 0), and for each variable of the original (a port, the host) the variable of its own that
     * the original's config templates, command line and probe are to read in its place.
     */
    public record Instance(String original, int ordinal, Map<String, String> ownVariables) {
        public Instance {
            requireNonNull(original, "original");
            ownVariables = Collections.unmodifiableMap(new LinkedHashMap<>(ownVariables));
        }
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public static final class Builder {
        private final String name;
        private String description = "";
        private String version;
        private String configFolder;
        private final List<PortSpec> ports = new ArrayList<>();
        private final List<String> dependsOn = new ArrayList<>();
        private final List<String> uses = new ArrayList<>();
        private HealthProbe health;
        private LocalLaunch local;
        private String composeService;
        private Duration startTimeout = Duration.ofSeconds(120);
        private int memoryBudgetMb;
        private String uiPath;
        private String uiLogin;
        private StandIn localStandIn;
        private VendorImage vendorImage;
        private final List<GeneratedValue> generatedValues = new ArrayList<>();
        private final java.util.Map<String, String> containerEnvironment = new java.util.LinkedHashMap<>();
        private final List<String> containerReads = new ArrayList<>();
        private final List<ContainerSettings.Mount> containerMounts = new ArrayList<>();
        private Duration stopGracePeriod;
        private boolean initProcess;
        private boolean runsCommands;
        private final List<String> imagePackages = new ArrayList<>();
        private String keptData;
        private final Map<String, String> variables = new LinkedHashMap<>();
        private Scaling scaling;

        private Builder(String name) {
            this.name = requireNonNull(name, "name");
            this.configFolder = name;
            this.composeService = name;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder version(String version) {
            this.version = version;
            return this;
        }

        public Builder configFolder(String folder) {
            this.configFolder = folder;
            return this;
        }

        public Builder port(String variable, int defaultPort, String purpose) {
            ports.add(new PortSpec(variable, defaultPort, purpose, true));
            return this;
        }

        /** A port only the other services use; under docker it is not published on the host. */
        public Builder internalPort(String variable, int defaultPort, String purpose) {
            ports.add(new PortSpec(variable, defaultPort, purpose, false));
            return this;
        }

        /**
         * Clients inside the compose network reach the port {@code variable} on {@code insideVariable} instead: its
         * listener advertises host addresses (Kafka's EXTERNAL listener advertises 127.0.0.1).
         */
        public Builder insideTheStackUse(String variable, String insideVariable) {
            for (int i = 0; i < ports.size(); i++) {
                if (ports.get(i).variable().equals(variable)) {
                    ports.set(i, ports.get(i).insideOn(insideVariable));
                    return this;
                }
            }
            throw new IllegalStateException(name + ": no port " + variable);
        }

        /** Services that must be healthy before this one starts (and that {@code up} brings along). */
        public Builder dependsOn(String... services) {
            dependsOn.addAll(List.of(services));
            return this;
        }

        /**
         * Services this one talks to only once it runs (an application's engines): {@code up} brings them along,
         * but this one starts beside them rather than after them, and stopping them does not stop it.
         */
        public Builder uses(String... services) {
            uses.addAll(List.of(services));
            return this;
        }

        public Builder health(HealthProbe probe) {
            this.health = probe;
            return this;
        }

        public Builder local(LocalLaunch launch) {
            this.local = launch;
            return this;
        }

        public Builder composeService(String service) {
            this.composeService = service;
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /** Expected resident memory in MiB (heap plus JVM or server overhead), for {@code doctor}'s memory plan. */
        public Builder memoryBudgetMb(int mb) {
            this.memoryBudgetMb = mb;
            return this;
        }

        public Builder ui(String path) {
            this.uiPath = path;
            return this;
        }

        /**
         * How a person logs in to the web UI, for {@code status} (e.g. "user admin, password SUPERSET_ADMIN_PASSWORD
         * in the secrets file"): never the secret itself. Variables such as {@code ${STATE_DIR}} are not rendered.
         */
        public Builder uiLogin(String howToLogIn) {
            this.uiLogin = howToLogIn;
            return this;
        }

        /** For a service one runtime cannot run for real: what the local runtime runs instead, said plainly. */
        public Builder localStandIn(StandIn standIn) {
            this.localStandIn = standIn;
            return this;
        }

        /** The reference product's own image, run by the docker runtime (the stand-in's where it cannot be had). */
        public Builder vendorImage(VendorImage image) {
            this.vendorImage = image;
            return this;
        }

        /** A credential or id this service needs, generated once per state directory. */
        public Builder generates(GeneratedValue value) {
            generatedValues.add(value);
            return this;
        }

        /** A fixed variable in the service's container (not for the local runtime, which has its own). */
        public Builder containerEnvironment(String variable, String value) {
            containerEnvironment.put(variable, value);
            return this;
        }

        /** Generated values of other services this service's container reads. */
        public Builder containerReads(String... generatedValues) {
            containerReads.addAll(List.of(generatedValues));
            return this;
        }

        /** A repository folder mounted read-only into the container, as the local runtime reads it in place. */
        public Builder containerMount(String repositoryPath, String containerPath, String why) {
            containerMounts.add(new ContainerSettings.Mount(repositoryPath, containerPath, why));
            return this;
        }

        /** How long a stop waits before killing the container, where the default 10 s is too short. */
        public Builder stopGracePeriod(Duration period) {
            this.stopGracePeriod = period;
            return this;
        }

        /** An init process as the container's PID 1, for a service that does not reap or stop its children. */
        public Builder initProcess() {
            this.initProcess = true;
            return this;
        }

        /** Debian packages the service's image needs beyond the JRE: see {@link ContainerSettings#imagePackages}. */
        public Builder imagePackages(String... packages) {
            imagePackages.addAll(List.of(packages));
            return this;
        }

        /**
         * What the service keeps in its data volume that must outlive its container, in a few words ("the KRaft
         * log: topics, offsets, cluster metadata"): see {@link ContainerSettings#keptData}.
         */
        public Builder keepsData(String what) {
            this.keptData = requireNonNull(what, "what");
            return this;
        }

        /** The service runs lakehouse commands against the stack: see {@link ContainerSettings#runsCommands}. */
        public Builder runsLakehouseCommands() {
            this.runsCommands = true;
            return this;
        }

        /** A template variable of the service's own ({@code KAFKA_NODE_ID=1}), for its config templates. */
        public Builder variable(String variable, String value) {
            variables.put(requireNonNull(variable, "variable"), requireNonNull(value, "value"));
            return this;
        }

        /** How the service runs as several instances ({@code lakehouse up --scale ROLE=N}). */
        public Builder scaling(Scaling how) {
            this.scaling = requireNonNull(how, "how");
            return this;
        }

        public ServiceDefinition build() {
            if (ports.isEmpty()) {
                throw new IllegalStateException(name + ": a service declares at least one port");
            }
            if (vendorImage != null && localStandIn == null) {
                throw new IllegalStateException(name + ": a service run from a vendor's image names the stand-in the "
                        + "project runs where that image cannot be had");
            }
            if (local != null && !local.initSteps().isEmpty() && keptData == null) {
                throw new IllegalStateException(name + ": a service with one-time init steps keeps their markers (and "
                        + "what they made) in its data volume: say what it keeps with keepsData(...)");
            }
            if (memoryBudgetMb <= 0) {
                throw new IllegalStateException(name + ": a service declares its memory budget");
            }
            if (scaling != null) {
                // the original is the first of its role's instances
                scaling.ordinalVariable().ifPresent(variable -> variables.putIfAbsent(variable, "1"));
            }
            return new ServiceDefinition(name, description, requireNonNull(version, "version"), configFolder, ports,
                    dependsOn, uses, health, local, composeService, startTimeout, memoryBudgetMb,
                    Optional.ofNullable(uiPath), Optional.ofNullable(uiLogin), Optional.ofNullable(localStandIn), Optional.ofNullable(vendorImage),
                    generatedValues, new ContainerSettings(containerEnvironment, containerReads, containerMounts,
                    Optional.ofNullable(stopGracePeriod), initProcess, runsCommands, imagePackages,
                    Optional.ofNullable(keptData)), variables, Optional.ofNullable(scaling), Optional.empty());
        }
    }
}
