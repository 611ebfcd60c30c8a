package io.lakehouse.it;

import io.lakehouse.runtime.GeneratedValues;
import io.lakehouse.runtime.StackLayout;
import io.lakehouse.runtime.docker.ImageBuilder;
import io.lakehouse.stack.PortSpec;
import io.lakehouse.stack.ServiceCatalog;
import io.lakehouse.stack.ServiceDefinition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One compose stack for every compose test class, built from the project's own images and started through
 * Testcontainers on first use; removed (volumes too) when the run ends. Host ports are the defaults plus
 * {@value #PORT_OFFSET}, its project and network have their own names, so it runs beside the other stacks.
 */
public final class ComposeStack implements ExtensionContext.Store.CloseableResource {
    // every port stays below 32768, out of Linux's ephemeral range (a client's outgoing port could hold it)
    static final int PORT_OFFSET = 12000;
    /** What the compose tests bring up: the core services, the engines and the people-facing applications. */
    static final List<String> SERVICES = Stream.concat(CoreServices.NAMES.stream(),
            Stream.of("spark-master", "spark-worker", "spark-connect", "flink-jobmanager", "flink-taskmanager",
                    "trino", "airflow", "superset", "jupyter")).toList();

    private final ComposeContainer compose;
    private final StackEndpoints endpoints;

    private ComposeStack() throws Exception {
        ServiceCatalog catalog = ServiceCatalog.standard();
        Path home = Path.of(System.getProperty("lakehouse.home")).toAbsolutePath().normalize();
        Path state = Files.createDirectories(Path.of(System.getProperty("lakehouse.it.stateDir") + "-compose"));
        Map<String, String> env = new HashMap<>(GeneratedValues.loadOrCreate(state.resolve("secrets.properties"),
                catalog.all()));
        env.put("LAKEHOUSE_COMPOSE_NETWORK", "lakehouse-it-net");
        Map<String, Integer> ports = new HashMap<>();
        for (ServiceDefinition service : catalog.all()) {
            for (PortSpec spec : service.ports()) {
                ports.put(spec.variable(), spec.defaultPort() + PORT_OFFSET);
                env.put(spec.overrideVariable(), Integer.toString(spec.defaultPort() + PORT_OFFSET));
            }
        }
        List<ServiceDefinition> services = SERVICES.stream().map(catalog::get).toList();
        OtherStacks.assertNoneRunningBesides(TestStacks.COMPOSE);
        // the project's own images, as 'lakehouse images' builds them (the Debian base made locally if need be)
        long imagesBegan = System.nanoTime();
        new ImageBuilder(new StackLayout(home, state), catalog, line -> System.out.println("[images] " + line))
                .build(services, false);
        PhaseLog.done("images of " + services.size() + " services ready", imagesBegan);
        Path composeFile = home.resolve("compose/docker-compose.yml");
        ComposeContainer container = new ComposeContainer(OtherStacks.COMPOSE_PROJECT_PREFIX,
                new File(composeFile.toString()))
                .withLocalCompose(true)
                .withPull(false)
                .withBuild(false)
                .withRemoveVolumes(true)
                .withEnv(env)
                .withServices(services.stream().map(ServiceDefinition::composeService).toArray(String[]::new))
                .withStartupTimeout(Duration.ofMinutes(10));   // for compose up itself; health waits below
        List<HealthBudget> budgets = HealthBudget.of(composeFile,
                services.stream().map(ServiceDefinition::composeService).toList());
        for (HealthBudget budget : budgets) {
            container = container.waitingFor(budget.service(),
                    Wait.forHealthcheck().withStartupTimeout(budget.testWait()));
        }
        long began = System.nanoTime();
        // once a minute, the containers not healthy yet: a slow start names its laggard in the log as it happens
        var watcher = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "compose-start-watcher");
            thread.setDaemon(true);
            return thread;
        });
        watcher.scheduleAtFixedRate(() -> System.out.printf("[compose] %.0f s, not healthy yet: %s%n",
                (System.nanoTime() - began) / 1e9, notHealthy()), 60, 60, java.util.concurrent.TimeUnit.SECONDS);
        try {
            container.start();
        } catch (RuntimeException e) {
            // say which container failed, then remove the half-started stack (it would hold memory and ports)
            String states = containerStates();
            container.stop();
            throw new IllegalStateException(e.getMessage() + "; containers: " + states, e);
        } finally {
            watcher.shutdownNow();
        }
        PhaseLog.done(services.size() + " compose services healthy", began);
        System.out.println(PhaseLog.PREFIX + PhaseLog.run() + ": healthy after (s, since the container started; "
                + "budget): " + startTimes(budgets));
        compose = container;
        endpoints = new StackEndpoints("127.0.0.1", ports, env);
    }

    /** What the container's last healthcheck said: its phase (preparing, starting) and the probe's detail. */
    private static String lastHealthOutput(String containerId) {
        try {
            var health = org.testcontainers.DockerClientFactory.instance().client().inspectContainerCmd(containerId)
                    .exec().getState().getHealth();
            if (health == null || health.getLog() == null || health.getLog().isEmpty()) {
                return "no check yet";
            }
            return health.getLog().get(health.getLog().size() - 1).getOutput().strip();
        } catch (RuntimeException e) {
            return "unavailable (" + e.getMessage() + ")";
        }
    }

    /** Name, state and health of this run's compose containers (project lakehouse-it*), for a failure message. */
    private static String containerStates() {
        try {
            return org.testcontainers.DockerClientFactory.instance().client().listContainersCmd().withShowAll(true)
                    .exec().stream()
                    .filter(c -> c.getLabels() != null && c.getLabels()
                            .getOrDefault("com.docker.compose.project", "").startsWith(OtherStacks.COMPOSE_PROJECT_PREFIX))
                    .map(c -> c.getLabels().get("com.docker.compose.service") + " " + c.getStatus()
                            + (c.getStatus().contains("(healthy)") ? ""
                            : " [health: " + lastHealthOutput(c.getId()) + "] [log: " + logTail(c.getId()) + "]"))
                    .sorted().collect(java.util.stream.Collectors.joining(", "));
        } catch (RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** The services of this run's compose containers that are not healthy, with their status: "superset Up 2 minutes (health: starting)". */
    private static String notHealthy() {
        try {
            String names = org.testcontainers.DockerClientFactory.instance().client().listContainersCmd().withShowAll(true)
                    .exec().stream()
                    .filter(c -> c.getLabels() != null && c.getLabels()
                            .getOrDefault("com.docker.compose.project", "").startsWith(OtherStacks.COMPOSE_PROJECT_PREFIX))
                    .filter(c -> !c.getStatus().contains("(healthy)"))
                    .map(c -> c.getLabels().get("com.docker.compose.service") + " " + c.getStatus())
                    .sorted().collect(java.util.stream.Collectors.joining(", "));
            return names.isEmpty() ? "none" : names;
        } catch (RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static final java.util.regex.Pattern HEALTHY_AFTER =
            java.util.regex.Pattern.compile("lakehouse-probe: \\S+ healthy after ([0-9.]+) s");

    /**
     * Each service's cold start as its probe loop logged it ("healthy after N s", since its entrypoint began, init
     * included), slowest first, beside its budget: the measurements the budgets in the compose file come from.
     */
    private static String startTimes(List<HealthBudget> budgets) {
        Map<String, String> ids = new HashMap<>();
        org.testcontainers.DockerClientFactory.instance().client().listContainersCmd().exec().stream()
                .filter(c -> c.getLabels() != null && c.getLabels()
                        .getOrDefault("com.docker.compose.project", "").startsWith(OtherStacks.COMPOSE_PROJECT_PREFIX))
                .forEach(c -> ids.put(c.getLabels().get("com.docker.compose.service"), c.getId()));
        record Start(String service, double seconds, long budget) {
        }
        List<Start> starts = new java.util.ArrayList<>();
        for (HealthBudget budget : budgets) {
            java.util.regex.Matcher m = HEALTHY_AFTER.matcher(logTail(ids.getOrDefault(budget.service(), ""), 100_000));
            starts.add(new Start(budget.service(), m.find() ? Double.parseDouble(m.group(1)) : -1,
                    budget.total().toSeconds()));
        }
        return starts.stream().sorted(java.util.Comparator.comparingDouble(Start::seconds).reversed())
                .map(s -> s.service() + " " + (s.seconds() < 0 ? "?" : String.format("%.0f", s.seconds())) + "/"
                        + s.budget())
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** The last lines a container printed, for the failure message of a container that is not healthy. */
    private static String logTail(String containerId) {
        return logTail(containerId, 8);
    }

    private static String logTail(String containerId, int lines) {
        if (containerId.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        try {
            org.testcontainers.DockerClientFactory.instance().client().logContainerCmd(containerId)
                    .withStdOut(true).withStdErr(true).withTail(lines)
                    .exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<com.github.dockerjava.api.model.Frame>() {
                        @Override
                        public void onNext(com.github.dockerjava.api.model.Frame frame) {
                            text.append(new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8).strip())
                                    .append(" | ");
                        }
                    }).awaitCompletion(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (RuntimeException | InterruptedException e) {
            return "unavailable (" + e.getMessage() + ")";
        }
        return text.toString();
    }

    static synchronized ComposeStack get(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(ComposeStack.class, key -> {
                    try {
                        return new ComposeStack();
                    } catch (Exception e) {
                        throw new IllegalStateException("the compose stack did not start: " + e.getMessage(), e);
                    }
                }, ComposeStack.class);
    }

    StackEndpoints endpoints() {
        return endpoints;
    }

    /** Removed with its volumes when the run ends, and checked: no container of it is left running. */
    @Override
    public void close() {
        long began = System.nanoTime();
        compose.stop();
        List<String> left = OtherStacks.composeContainers();
        if (!left.isEmpty()) {
            throw new IllegalStateException("the compose test stack is down, but these containers still run: " + left);
        }
        PhaseLog.done("compose stack removed, no container left", began);
    }
}
