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
        // the project's own images, as 'lakehouse images' builds them (the Debian base made locally if need be)
        new ImageBuilder(new StackLayout(home, state), catalog, line -> System.out.println("[images] " + line))
                .build(services, false);
        ComposeContainer container = new ComposeContainer("lakehouse-it",
                new File(home.resolve("compose/docker-compose.yml").toString()))
                .withLocalCompose(true)
                .withPull(false)
                .withBuild(false)
                .withRemoveVolumes(true)
                .withEnv(env)
                .withServices(services.stream().map(ServiceDefinition::composeService).toArray(String[]::new))
                .withStartupTimeout(Duration.ofMinutes(10));
        for (ServiceDefinition service : services) {
            container = container.waitingFor(service.composeService(),
                    Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(6)));
        }
        long began = System.nanoTime();
        try {
            container.start();
        } catch (RuntimeException e) {
            // say which container failed, then remove the half-started stack (it would hold memory and ports)
            String states = containerStates();
            container.stop();
            throw new IllegalStateException(e.getMessage() + "; containers: " + states, e);
        }
        System.out.printf("[compose stack] %d services healthy in %.1f s%n", services.size(),
                (System.nanoTime() - began) / 1e9);
        compose = container;
        endpoints = new StackEndpoints("127.0.0.1", ports, env);
    }

    /** Name, state and health of this run's compose containers (project lakehouse-it*), for a failure message. */
    private static String containerStates() {
        try {
            return org.testcontainers.DockerClientFactory.instance().client().listContainersCmd().withShowAll(true)
                    .exec().stream()
                    .filter(c -> c.getLabels() != null && c.getLabels()
                            .getOrDefault("com.docker.compose.project", "").startsWith("lakehouse-it"))
                    .map(c -> c.getLabels().get("com.docker.compose.service") + " " + c.getStatus()
                            + (c.getStatus().contains("(healthy)") ? "" : " [log: " + logTail(c.getId()) + "]"))
                    .sorted().collect(java.util.stream.Collectors.joining(", "));
        } catch (RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** The last lines a container printed, for the failure message of a container that is not healthy. */
    private static String logTail(String containerId) {
        StringBuilder lines = new StringBuilder();
        try {
            org.testcontainers.DockerClientFactory.instance().client().logContainerCmd(containerId)
                    .withStdOut(true).withStdErr(true).withTail(8)
                    .exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<com.github.dockerjava.api.model.Frame>() {
                        @Override
                        public void onNext(com.github.dockerjava.api.model.Frame frame) {
                            lines.append(new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8).strip())
                                    .append(" | ");
                        }
                    }).awaitCompletion(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (RuntimeException | InterruptedException e) {
            return "unavailable (" + e.getMessage() + ")";
        }
        return lines.toString();
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

    @Override
    public void close() {
        compose.stop();
    }
}
