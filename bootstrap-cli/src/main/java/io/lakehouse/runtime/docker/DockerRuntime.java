package io.lakehouse.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import io.lakehouse.runtime.DependencyOrderedStart;
import io.lakehouse.runtime.GeneratedValues;
import io.lakehouse.runtime.HealthWaiter;
import io.lakehouse.runtime.InitPhase;
import io.lakehouse.runtime.LogSource;
import io.lakehouse.runtime.PortAssignments;
import io.lakehouse.wait.RetryPolicy;
import io.lakehouse.runtime.RuntimeKind;
import io.lakehouse.runtime.ServiceFailure;
import io.lakehouse.runtime.ServiceStartException;
import io.lakehouse.runtime.StackStartException;
import io.lakehouse.runtime.ServiceState;
import io.lakehouse.runtime.ServiceStatus;
import io.lakehouse.runtime.StackEvent;
import io.lakehouse.runtime.StackEvent.Phase;
import io.lakehouse.runtime.StackLayout;
import io.lakehouse.runtime.StackListener;
import io.lakehouse.runtime.StackRuntime;
import io.lakehouse.runtime.process.PreflightException;
import io.lakehouse.stack.GeneratedValue;
import io.lakehouse.stack.OnDemandService;
import io.lakehouse.stack.PortSpec;
import io.lakehouse.stack.ProbeResult;
import io.lakehouse.stack.ProbeTarget;
import io.lakehouse.stack.ServiceCatalog;
import io.lakehouse.stack.ServiceDefinition;
import io.lakehouse.stack.StandIn;
import io.lakehouse.stack.VendorImage;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * The services as containers of the state directory's compose project ({@code lakehouse} for the repository's own
 * {@code .lakehouse}, see {@link #defaultProject}): {@code docker compose} starts them, the same
 * protocol-level probes as the local runtime decide when they are healthy (through the ports published on
 * 127.0.0.1), and docker-java reads container state and logs. Volumes are kept by {@code down}.
 */
public final class DockerRuntime implements StackRuntime {
    private static final String SERVICE_LABEL = "com.docker.compose.service";
    private static final String PROJECT_LABEL = "com.docker.compose.project";

    private final StackLayout layout;
    private final ServiceCatalog catalog;
    private final Function<String, String> environment;
    /** The compose project: {@code LAKEHOUSE_COMPOSE_PROJECT}, else {@link #defaultProject} of the state directory. */
    private final String project;

    public DockerRuntime(StackLayout layout, ServiceCatalog catalog, Function<String, String> environment) {
        this.layout = requireNonNull(layout, "layout");
        this.catalog = requireNonNull(catalog, "catalog");
        this.environment = requireNonNull(environment, "environment");
        this.project = Optional.ofNullable(environment.apply("LAKEHOUSE_COMPOSE_PROJECT")).filter(p -> !p.isBlank())
                .orElse(defaultProject(layout));
    }

    /**
     * One compose project per state directory, as one local stack per state directory: the project's volumes hold
     * data made with that directory's credentials, so another state directory must never start them (its passwords
     * would not open them). The repository's own {@code .lakehouse} is project {@code lakehouse}; any other state
     * directory is {@code lakehouse-<8 hex digits of its path's SHA-256>}.
     */
    static String defaultProject(StackLayout layout) {
        Path state = layout.stateDir().toAbsolutePath().normalize();
        if (state.equals(layout.home().toAbsolutePath().normalize().resolve(".lakehouse"))) {
            return "lakehouse";
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(state.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "lakehouse-" + java.util.HexFormat.of().formatHex(digest).substring(0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public RuntimeKind kind() {
        return RuntimeKind.DOCKER;
    }

    @Override
    public String location() {
        return "compose project '" + project + "' (" + layout.composeFile() + ")";
    }

    @Override
    public void up(List<ServiceDefinition> services, StackListener listener) {
        if (services.isEmpty()) {
            return;
        }
        Map<String, Integer> ports = PortAssignments.resolve(catalog.all(), environment);
        List<String> problems = new ArrayList<>();
        DockerEngine.problem().ifPresent(problems::add);
        if (problems.isEmpty()) {
            compose(Map.of(), ports, Set.of()).problem().ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new PreflightException(problems);
        }
        try (DockerClient client = DockerEngine.client()) {
            // ports first: a refused start builds and pulls nothing
            Map<String, Container> running = containers(client);
            for (ServiceDefinition service : services) {
                Container container = running.get(service.composeService());
                if (container != null && "running".equals(container.getState())) {
                    continue;
                }
                List<PortSpec> busy = busyPorts(service, ports);
                if (!busy.isEmpty() && container != null) {
                    // the stack's own container stopped, and the engine frees its ports once it has noticed: after
                    // the engine was held (or is busy) that takes seconds, and meanwhile they look taken
                    RetryPolicy.ENGINE_PORT_RELEASE.await(() -> busyPorts(service, ports).isEmpty()
                            || "running".equals(Optional.ofNullable(containers(client).get(service.composeService()))
                            .map(Container::getState).orElse("")));
                    Container now = containers(client).get(service.composeService());
                    busy = now != null && "running".equals(now.getState()) ? List.of() : busyPorts(service, ports);
                }
                for (PortSpec spec : busy) {
                    problems.add("port " + ports.get(spec.variable()) + " (" + service.name() + " " + spec.purpose()
                            + ") is in use on 127.0.0.1" + (container == null ? "" : " although the stack's own "
                            + service.composeService() + " container is " + container.getState() + " ("
                            + container.getStatus() + ")") + "; stop what holds it or set "
                            + spec.overrideVariable());
                }
            }
            // volumes another state directory made (another clone's .lakehouse is the same project): refused
            // before anything is written, since this directory's credentials would not open their data
            ProjectVolumes volumes = new ProjectVolumes(project, layout.stateDir(), new DockerCli());
            volumes.foreign(volumes.present(), Files.isRegularFile(layout.secretsFile())).ifPresent(problems::add);
            if (!problems.isEmpty()) {
                throw new PreflightException(problems);
            }
            Files.createDirectories(layout.stateDir());
            Map<String, String> generated = GeneratedValues.loadOrCreate(layout.secretsFile(), catalog.all());
            ProbeTarget target = new ProbeTarget("127.0.0.1", ports, generated);
            // a vendor image (ScyllaDB's) that is absent and cannot be pulled: the service runs its stand-in instead
            VendorImages vendorImages = new VendorImages(client, new DockerCli());
            Map<String, StandIn> standIns = new LinkedHashMap<>();
            for (ServiceDefinition service : services) {
                vendorImages.standInFor(service, true,
                        line -> listener.on(new StackEvent(service.name(), Phase.INITIALISING, line)))
                        .ifPresent(standIn -> {
                            standIns.put(service.name(), standIn);
                            listener.on(new StackEvent(service.name(), Phase.STARTING, "runs "
                                    + standIn.describe() + ", from " + ImageBuilder.tag(service)));
                        });
            }
            ImageBuilder images = new ImageBuilder(layout, catalog,
                    line -> listener.on(new StackEvent("images", Phase.STARTING, line)));
            List<ServiceDefinition> ownImages = new ArrayList<>(services.stream()
                    .filter(s -> s.vendorImage().isEmpty() || standIns.containsKey(s.name())).toList());
            // the toolbox's image too, whatever was asked for: bootstrap and the data commands run in it
            ServiceDefinition toolbox = catalog.get(ComposeFile.TOOLBOX_IMAGE_OF);
            if (!ownImages.contains(toolbox)) {
                ownImages.add(toolbox);
            }
            if (!images.build(ownImages, false).isEmpty()) {
                listener.on(new StackEvent("images", Phase.HEALTHY, "built"));
            }
            ComposeCli compose = compose(generated, ports, standIns.keySet());
            // the volumes whose first container this up creates (none was made since the preflight listed them):
            // their creation time moves when it mounts them, so they leave the record until this up records them
            // again (an up cut short must not refuse its own)
            volumes.forget(services.stream().filter(s -> !running.containsKey(s.composeService()))
                    .flatMap(s -> ComposeFile.namedVolumes(s).stream()).map(v -> project + "_" + v).toList());
            // The project's network once, serially, before the parallel starts below (concurrent 'up' calls would
            // each create it): by creating one service, alone and with --no-deps, like every start. Compose (2.26 to
            // 2.29 at least) hashes a container's config with the depends_on of the services a call selects, so a
            // call that selected them all recorded another hash than each start's, and every container that depends
            // on another was recreated on each 'up' (a running stack restarted; docker/compose#12069).
            List<String> create = List.of("up", "--no-start", "--no-deps", services.get(0).composeService());
            ComposeCli.Result created = compose.run(600, create.toArray(String[]::new));
            if (!created.ok()) {
                throw new IllegalStateException("docker compose could not create the project: "
                        + lastLine(created.output()));
            }
            // the containers there before this up and not running (left by an up cut short, or crashed): made again
            Set<String> leftStopped = running.entrySet().stream()
                    .filter(e -> !"running".equals(e.getValue().getState())).map(Map.Entry::getKey)
                    .collect(java.util.stream.Collectors.toSet());
            boolean engineGone = false;
            try {
                DependencyOrderedStart.run(services, service -> start(service, client, compose, target, listener,
                        leftStopped.contains(service.composeService())), listener);
                startOnDemand(services, vendorImages, compose, listener);
            } catch (StackStartException failed) {
                // services fail one after the other when the engine itself went away: name the engine, not them
                Optional<String> engine = DockerEngine.problem();
                if (engine.isPresent()) {
                    engineGone = true;
                    throw new EngineStoppedException(engine.get(), failed.failures());
                }
                throw failed;
            } finally {
                // what this up made or used, whether or not every service came up; not when the engine is gone:
                // each question would wait out its bound (a minute in all) before the error, and the next up
                // records them
                if (!engineGone) {
                    recordVolumes(volumes);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The on-demand services (StarRocks' marts) start where their vendor's image is present and what they read runs;
     * the stack does not wait for them, since their stand-in serves the same purpose (Trino serves the marts) and
     * their users ({@code marts refresh}) look for them once they answer. Here, where no registry is reachable, the
     * image is never present and this says so.
     */
    private void startOnDemand(List<ServiceDefinition> services, VendorImages vendorImages, ComposeCli compose,
                               StackListener listener) {
        Set<String> starting = services.stream().map(ServiceDefinition::name).collect(java.util.stream.Collectors.toSet());
        for (OnDemandService service : catalog.onDemand()) {
            if (!starting.containsAll(service.dependsOn())) {
                continue;
            }
            String image = service.image().image();
            if (!vendorImages.present(image)) {
                listener.on(new StackEvent(service.name(), Phase.SKIPPED, "not started: the image " + image
                        + " is not in the Docker engine; " + service.standIn().product() + " stands in"));
                continue;
            }
            ComposeCli.Result result = compose.run(1800, "--profile", service.profile(), "up", "-d", "--no-deps",
                    service.name());
            listener.on(new StackEvent(service.name(), result.ok() ? Phase.STARTING : Phase.SKIPPED, result.ok()
                    ? "started from " + image + " (used once it answers; the stack does not wait for it)"
                    : "could not start from " + image + ": " + lastLine(result.output())));
        }
    }

    private void start(ServiceDefinition service, DockerClient client, ComposeCli compose, ProbeTarget target,
                       StackListener listener, boolean leftStopped) throws ServiceStartException {
        Container existing = containers(client).get(service.composeService());
        if (existing != null && "running".equals(existing.getState())) {
            ProbeResult result = service.health().probe(target);
            if (result.healthy()) {
                listener.on(new StackEvent(service.name(), Phase.ALREADY_RUNNING,
                        "container " + shortId(existing.getId()) + ", " + result.detail()));
                return;
            }
        }
        // A container an earlier up left there, not running, is made again, not started as it is. Compose (2.26)
        // copies a container's secrets into it once, when it creates it: an up cut short by the engine's stop can
        // leave a container with an empty /run/secrets file, which every later start would keep (CI saw MySQL's
        // entrypoint refuse its empty root password after such an up). Its data is in the project's volumes, which
        // stay. (The container this up made itself for the project's network is started as it is.)
        boolean remake = leftStopped && existing != null && !"running".equals(existing.getState());
        listener.on(new StackEvent(service.name(), Phase.STARTING, "docker compose up " + service.composeService()
                + (remake ? " (its " + existing.getState() + " container made again)" : "")));
        // the image is built already: creating and starting one container takes seconds, unless the engine hangs
        List<String> up = new ArrayList<>(List.of("up", "-d", "--no-deps"));
        if (remake) {
            up.add("--force-recreate");
        }
        up.add(service.composeService());
        ComposeCli.Result result = compose.run(120, up.toArray(String[]::new));
        // the engine is asked for the container only when compose succeeded (one that stopped answering would hold
        // this question too)
        Container container = result.ok() ? containers(client).get(service.composeService()) : null;
        if (!result.ok() || container == null) {
            List<String> tail = result.output().lines().toList();
            throw new ServiceStartException(new ServiceFailure(service.name(),
                    "docker compose up failed (exit " + result.exitCode() + ")", Optional.empty(), Optional.empty(),
                    tail.subList(Math.max(0, tail.size() - 15), tail.size())));
        }
        String id = container.getId();
        LogSource log = new ContainerLogs(client, id);
        long began = System.nanoTime();
        // the engine's silence, once a question about this container has waited out its bound: the next question
        // is not asked (a second 30 s), the service fails naming it at once
        java.util.concurrent.atomic.AtomicReference<String> engineSilent = new java.util.concurrent.atomic.AtomicReference<>();
        ProbeResult healthy = HealthWaiter.await(service, target, () -> exited(client, id, engineSilent),
                () -> initPhase(client, id, engineSilent), log, listener);
        long tenths = (System.nanoTime() - began) / 100_000_000L;
        listener.on(new StackEvent(service.name(), Phase.HEALTHY,
                "container " + shortId(id) + ", " + (tenths / 10.0) + " s, " + healthy.detail()));
    }

    /** The init step the container's entrypoint runs now, as its healthcheck last reported it. */
    private static Optional<InitPhase> initPhase(DockerClient client, String id,
                                                 java.util.concurrent.atomic.AtomicReference<String> engineSilent) {
        if (engineSilent.get() != null) {
            return Optional.empty();
        }
        try {
            InspectContainerResponse.ContainerState state = DockerEngine.within("inspect " + shortId(id),
                    () -> client.inspectContainerCmd(id).exec()).getState();
            var health = state.getHealth();
            if (health == null || health.getLog() == null || health.getLog().isEmpty()) {
                return Optional.empty();
            }
            var last = health.getLog().get(health.getLog().size() - 1);
            // a check from an earlier start of this container says nothing about this one
            if (java.time.OffsetDateTime.parse(last.getStart()).isBefore(
                    java.time.OffsetDateTime.parse(state.getStartedAt()))) {
                return Optional.empty();
            }
            return InitPhase.fromHealthOutput(last.getOutput());
        } catch (EngineNotAnsweringException e) {
            silent(e, engineSilent);
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the engine is silent, once a question about a container waited out its bound: it is when it does not
     * answer a ping either (stopped or hung), and then no further question is asked. An engine that answers the ping
     * was only slow (a CI host starting six containers at once held an inspect for over 30 s): not a failure.
     */
    private static boolean silent(EngineNotAnsweringException e,
                                  java.util.concurrent.atomic.AtomicReference<String> engineSilent) {
        if (!e.pingUnanswered() && DockerEngine.problem().isEmpty()) {
            return false;
        }
        engineSilent.set(e.getMessage());
        return true;
    }

    private static Optional<String> exited(DockerClient client, String id,
                                           java.util.concurrent.atomic.AtomicReference<String> engineSilent) {
        if (engineSilent.get() != null) {
            return Optional.of(engineSilent.get());
        }
        try {
            InspectContainerResponse.ContainerState state = DockerEngine.within("inspect " + shortId(id),
                    () -> client.inspectContainerCmd(id).exec()).getState();
            if (Boolean.TRUE.equals(state.getRunning())) {
                return Optional.empty();
            }
            return Optional.of("container " + shortId(id) + " exited with code " + state.getExitCodeLong());
        } catch (EngineNotAnsweringException e) {
            // a busy engine (one that still answers a ping) is not a failed service: the health wait goes on
            return silent(e, engineSilent) ? Optional.of(e.getMessage()) : Optional.empty();
        } catch (Exception e) {
            return Optional.of("container " + shortId(id) + " is gone (" + e.getMessage() + ")");
        }
    }

    @Override
    public void down(List<ServiceDefinition> services, StackListener listener) {
        ComposeCli compose = compose(GeneratedValues.load(layout.secretsFile()),
                PortAssignments.resolve(catalog.all(), environment), Set.of());
        boolean everything = services.size() == catalog.all().size();
        services.forEach(s -> listener.on(new StackEvent(s.name(), Phase.STOPPING, "")));
        ComposeCli.Result result;
        if (everything) {
            result = compose.run(300, "down", "--remove-orphans");
        } else {
            List<String> args = new ArrayList<>(List.of("rm", "--stop", "--force"));
            services.forEach(s -> args.add(s.composeService()));
            result = compose.run(300, args.toArray(String[]::new));
        }
        if (!result.ok()) {
            throw new IllegalStateException("docker compose down failed: " + lastLine(result.output()));
        }
        services.forEach(s -> listener.on(new StackEvent(s.name(), Phase.STOPPED, "container removed, volumes kept")));
    }

    /** The project's volumes as this state directory's, once its {@code up} made or used them. */
    private static void recordVolumes(ProjectVolumes volumes) {
        try {
            volumes.recordAsOurs(volumes.present());
        } catch (RuntimeException e) {
            // the engine went away mid-up (named by the caller); the next up records them
        }
    }

    @Override
    public void purge() {
        // with every stand-in override: compose removes only the volumes its model mounts, and the stand-ins' are
        // mounted by the overrides alone
        Set<String> standIns = catalog.all().stream().filter(s -> s.vendorImage().isPresent())
                .map(ServiceDefinition::name).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        ComposeCli.Result result = compose(GeneratedValues.load(layout.secretsFile()),
                PortAssignments.resolve(catalog.all(), environment), standIns)
                .run(300, "down", "--volumes", "--remove-orphans");
        if (!result.ok()) {
            throw new IllegalStateException("docker compose down --volumes failed: " + lastLine(result.output()));
        }
        try {
            Files.deleteIfExists(layout.stateDir().resolve(ProjectVolumes.FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<String> existing() {
        if (!DockerEngine.answers()) {
            return List.of();
        }
        try (DockerClient client = DockerEngine.client()) {
            Map<String, Container> containers = containers(client);
            List<String> names = new ArrayList<>();
            catalog.all().stream().filter(s -> containers.containsKey(s.composeService()))
                    .forEach(s -> names.add(s.name()));
            catalog.onDemand().stream().filter(s -> containers.containsKey(s.name())).forEach(s -> names.add(s.name()));
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The address book as this CLI sees the stack: from the host, every published port on 127.0.0.1; in the toolbox
     * container ({@link #insideTheStack}), each service on its compose name.
     */
    @Override
    public ProbeTarget endpoints() {
        ProbeTarget fromHost = new ProbeTarget("127.0.0.1", PortAssignments.resolve(catalog.all(), environment),
                credentials()).withInstancesOf(catalog);
        return insideTheStack() ? fromHost.seenFromInside(catalog) : fromHost;
    }

    /**
     * The stack's generated credentials: the state directory's secrets file; inside the stack, also those compose
     * gave the container as files (Airflow's DAG tasks have no state directory of the host's, only the credentials
     * their container lists). The file wins where both have one.
     */
    private Map<String, String> credentials() {
        Map<String, String> values = new LinkedHashMap<>(GeneratedValues.load(layout.secretsFile()));
        if (insideTheStack()) {
            ContainerSecrets given = ContainerSecrets.mounted();
            catalog.all().stream().flatMap(s -> s.generatedValues().stream()).map(GeneratedValue::variable)
                    .forEach(variable -> given.value(variable).ifPresent(value -> values.putIfAbsent(variable, value)));
        }
        return values;
    }

    public StackLayout layout() {
        return layout;
    }

    /** Whether this CLI runs in the toolbox container, inside the compose network. */
    public boolean insideTheStack() {
        return ComposeFile.INSIDE_COMPOSE.equals(environment.apply(ComposeFile.ADDRESSES_VARIABLE));
    }

    /**
     * Runs the CLI with {@code arguments} in the toolbox container (compose service {@link ComposeFile#TOOLBOX}),
     * inside the compose network, with this state directory mounted; its output goes to {@code out} and {@code err}
     * as it comes. Returns the CLI's exit code there.
     */
    public int runInToolbox(List<String> arguments, Map<Path, String> readOnlyMounts, Map<String, String> variables,
                            java.io.Writer out, java.io.Writer err) {
        ServiceDefinition imageOf = catalog.get(ComposeFile.TOOLBOX_IMAGE_OF);
        String image = ImageBuilder.tag(imageOf);
        List<String> problems = new ArrayList<>();
        DockerEngine.problem().ifPresent(problems::add);
        if (problems.isEmpty() && !new DockerCli().run(30, List.of("image", "inspect", image)).ok()) {
            problems.add("the toolbox runs in the image " + image + ", which is not built; 'lakehouse up' builds it");
        }
        if (!problems.isEmpty()) {
            throw new PreflightException(problems);
        }
        ComposeCli compose = compose(GeneratedValues.load(layout.secretsFile()),
                PortAssignments.resolve(catalog.all(), environment), Set.of());
        List<String> run = new ArrayList<>(List.of("run", "--rm", "--no-deps", "-T"));
        readOnlyMounts.forEach((host, inside) -> run.addAll(List.of("--volume", host + ":" + inside + ":ro")));
        variables.forEach((name, value) -> run.addAll(List.of("--env", name + "=" + value)));
        run.add(ComposeFile.TOOLBOX);
        run.addAll(arguments);
        return compose.attached(run, out, err);
    }

    /** What compose interpolates the generated file with: credentials, port overrides, the network's name. */
    private Map<String, String> composeEnvironment(Map<String, String> generated, Map<String, Integer> ports,
                                                   Map<String, String> extra) {
        Map<String, String> composeEnv = new LinkedHashMap<>(generated);
        // the toolbox's mount of the state directory, and the user it runs as (its owner)
        Path stateDir = layout.stateDir().toAbsolutePath().normalize();
        composeEnv.put("LAKEHOUSE_STATE_DIR", stateDir.toString());
        composeEnv.put("LAKEHOUSE_TOOLBOX_USER", owner(stateDir));
        composeEnv.putAll(extra);
        ports.forEach((variable, port) -> composeEnv.put("LAKEHOUSE_" + variable, Integer.toString(port)));
        composeEnv.put("LAKEHOUSE_COMPOSE_NETWORK", project + "-net");
        return composeEnv;
    }

    /**
     * Writes everything {@code docker compose} needs to run this stack by hand (credentials, port overrides, the
     * network, the state directory and its owner for the toolbox) to an owner-only file in the state directory,
     * for {@code docker compose --env-file}. Credentials are made first if this state directory has none yet.
     */
    public Path writeComposeEnvFile() throws IOException {
        Files.createDirectories(layout.stateDir());
        Map<String, String> env = composeEnvironment(GeneratedValues.loadOrCreate(layout.secretsFile(), catalog.all()),
                PortAssignments.resolve(catalog.all(), environment), Map.of());
        Path file = layout.stateDir().toAbsolutePath().normalize().resolve("compose.env");
        Files.deleteIfExists(file);
        Files.createFile(file);
        io.lakehouse.runtime.OwnerOnly.restrict(file);
        StringBuilder text = new StringBuilder("# docker compose --env-file: written by 'lakehouse compose env'; "
                + "holds credentials, owner-only\n");
        new java.util.TreeMap<>(env).forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(file, text.toString());
        return file;
    }

    /** The compose project's name. */
    public String project() {
        return project;
    }

    /** "uid:gid" of the state directory's owner: the toolbox writes there as that user, never as root. */
    private static String owner(Path stateDir) {
        try {
            return Files.getAttribute(stateDir, "unix:uid") + ":" + Files.getAttribute(stateDir, "unix:gid");
        } catch (IOException | UnsupportedOperationException e) {
            return "1000:1000";
        }
    }

    @Override
    public List<ServiceStatus> status(List<ServiceDefinition> services) {
        if (insideTheStack()) {
            return statusByProbes(services);
        }
        Map<String, String> generated = GeneratedValues.load(layout.secretsFile());
        Map<String, Integer> ports = PortAssignments.resolve(catalog.all(), environment);
        ProbeTarget target = new ProbeTarget("127.0.0.1", ports, generated);
        List<ServiceStatus> statuses = new ArrayList<>();
        try (DockerClient client = DockerEngine.client()) {
            Map<String, Container> containers = containers(client);
            VendorImages vendorImages = new VendorImages(client, new DockerCli());
            for (ServiceDefinition service : services) {
                Container container = containers.get(service.composeService());
                // what runs (or would run): the vendor's image, or the stand-in where that image is not to be had
                Optional<StandIn> standIn = container != null
                        ? vendorImages.inContainer(service, container.getImage())
                        : vendorImages.standInFor(service, false, line -> { });
                String version = service.vendorImage().filter(v -> standIn.isEmpty()).map(VendorImage::version)
                        .orElse(service.version());
                Map<String, Integer> own = ownPorts(service, ports);
                ServiceState state;
                String detail;
                if (container == null) {
                    state = ServiceState.STOPPED;
                    detail = "";
                } else if ("running".equals(container.getState())) {
                    ProbeResult result = service.health().probe(target);
                    state = result.healthy() ? ServiceState.HEALTHY : ServiceState.UNHEALTHY;
                    detail = result.detail();
                } else {
                    state = ServiceState.CRASHED;
                    detail = container.getStatus();
                }
                Optional<String> ui = service.uiPath().map(path -> "http://127.0.0.1:" + own.get(service.ports()
                        .stream().filter(p -> p.variable().endsWith("HTTP_PORT")).findFirst()
                        .orElse(service.primaryPort()).variable()) + path);
                statuses.add(new ServiceStatus(service.name(), version, RuntimeKind.DOCKER, state,
                        Optional.empty(), Optional.ofNullable(container).map(c -> shortId(c.getId())), own,
                        container == null ? "" : "docker logs " + shortId(container.getId()), detail, ui,
                        standIn));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return statuses;
    }

    /** The service's own ports, by variable, as this stack assigns them. */
    private static Map<String, Integer> ownPorts(ServiceDefinition service, Map<String, Integer> ports) {
        Map<String, Integer> own = new LinkedHashMap<>();
        service.ports().forEach(spec -> own.put(spec.variable(), ports.get(spec.variable())));
        return own;
    }

    /**
     * Inside the stack (the toolbox, Airflow's tasks) there is no Docker engine to ask: each service is healthy when
     * its probe answers at its compose name, else unhealthy; containers and stand-ins are the host's to report.
     */
    private List<ServiceStatus> statusByProbes(List<ServiceDefinition> services) {
        ProbeTarget target = endpoints();
        Map<String, Integer> ports = PortAssignments.resolve(catalog.all(), environment);
        List<ServiceStatus> statuses = new ArrayList<>();
        for (ServiceDefinition service : services) {
            ProbeResult result = service.health().probe(target);
            Map<String, Integer> own = ownPorts(service, ports);
            statuses.add(new ServiceStatus(service.name(), service.version(), RuntimeKind.DOCKER,
                    result.healthy() ? ServiceState.HEALTHY : ServiceState.UNHEALTHY, Optional.empty(),
                    Optional.empty(), own, "", result.detail(), Optional.empty(), Optional.empty()));
        }
        return statuses;
    }

    @Override
    public void logs(ServiceDefinition service, int lines, boolean follow, PrintWriter out) {
        try (DockerClient client = DockerEngine.client()) {
            Container container = containers(client).get(service.composeService());
            if (container == null) {
                throw new IllegalStateException("no container for " + service.name() + "; has it been started?");
            }
            new ContainerLogs(client, container.getId()).print(lines, follow, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The project's containers by compose service. Where a service has two (compose replaces a container by creating
     * the new one beside the old, and an interrupted replacement leaves both), the running one.
     */
    private Map<String, Container> containers(DockerClient client) {
        Map<String, Container> byService = new LinkedHashMap<>();
        DockerEngine.within("list the project's containers", () -> client.listContainersCmd().withShowAll(true)
                        .withLabelFilter(Map.of(PROJECT_LABEL, project)).exec())
                .forEach(c -> byService.merge(c.getLabels().get(SERVICE_LABEL), c,
                        (kept, other) -> "running".equals(kept.getState()) ? kept : other));
        return byService;
    }

    /** The service's published ports that something holds on 127.0.0.1. */
    private static List<PortSpec> busyPorts(ServiceDefinition service, Map<String, Integer> ports) {
        return service.ports().stream().filter(PortSpec::published)
                .filter(spec -> !io.lakehouse.runtime.process.PortInspector.isFree("127.0.0.1",
                        ports.get(spec.variable())))
                .toList();
    }

    /**
     * @param standIns services that run their stand-in: each adds its override, {@code compose/stand-ins/NAME.yml},
     *                 which swaps the vendor's image for the project's own
     */
    private ComposeCli compose(Map<String, String> generated, Map<String, Integer> ports, Set<String> standIns) {
        return compose(generated, ports, standIns, Map.of());
    }

    private ComposeCli compose(Map<String, String> generated, Map<String, Integer> ports, Set<String> standIns,
                               Map<String, String> extra) {
        Map<String, String> composeEnv = composeEnvironment(generated, ports, extra);
        List<Path> overrides = new ArrayList<>();
        for (String service : standIns) {
            Path override = layout.composeDir().resolve("stand-ins").resolve(service + ".yml");
            if (!Files.isRegularFile(override)) {
                throw new IllegalStateException(service + " needs its stand-in but " + override + " is missing");
            }
            overrides.add(override);
        }
        return new ComposeCli(layout, composeFile(), project, composeEnv, overrides);
    }

    /**
     * The compose file this stack runs from: the committed one at the standard scale; at another, the file generated
     * from the scaled catalog ({@link ComposeFile#SCALED}, ignored by git), written when it differs.
     */
    private Path composeFile() {
        if (catalog.scale().isStandard()) {
            return layout.composeFile();
        }
        Path scaled = layout.composeDir().resolve(ComposeFile.SCALED);
        String text = new ComposeFile(catalog).main();
        try {
            if (!Files.isRegularFile(scaled) || !Files.readString(scaled).equals(text)) {
                Files.writeString(scaled, text);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write the scaled compose file " + scaled, e);
        }
        return scaled;
    }

    private static String shortId(String id) {
        return id.substring(0, Math.min(12, id.length()));
    }

    private static String lastLine(String output) {
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
    }
}
