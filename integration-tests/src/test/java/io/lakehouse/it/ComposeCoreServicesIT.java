package io.lakehouse.it;

import io.lakehouse.runtime.GeneratedValues;
import io.lakehouse.runtime.StackLayout;
import io.lakehouse.runtime.docker.ImageBuilder;
import io.lakehouse.stack.PortSpec;
import io.lakehouse.stack.ServiceCatalog;
import io.lakehouse.stack.ServiceDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The same checks as {@link LocalCoreServicesIT}, against the compose stack built from the project's own images,
 * through Testcontainers. Where no Docker engine answers, JUnit reports this class as skipped (never as passed).
 * Host ports are the defaults plus {@value #PORT_OFFSET}, so it runs beside the other stacks.
 */
@Order(2)
@Testcontainers(disabledWithoutDocker = true)
class ComposeCoreServicesIT extends CoreServicesContract {
    static final int PORT_OFFSET = 20000;

    private static ComposeContainer compose;
    private static StackEndpoints endpoints;

    @BeforeAll
    static void startCompose() throws Exception {
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
        // the project's own images, as 'lakehouse images' builds them (the Debian base made locally if need be)
        new ImageBuilder(new StackLayout(home, state), catalog, line -> System.out.println("[images] " + line))
                .build(CoreServices.NAMES.stream().map(catalog::get).toList(), false);
        compose = new ComposeContainer("lakehouse-it", new File(home.resolve("compose/docker-compose.yml").toString()))
                .withLocalCompose(true)
                .withPull(false)
                .withBuild(false)
                .withRemoveVolumes(true)
                .withEnv(env)
                .withServices(CoreServices.NAMES.toArray(String[]::new))
                .withStartupTimeout(Duration.ofMinutes(10));
        for (ServiceDefinition service : CoreServices.NAMES.stream().map(catalog::get).toList()) {
            compose = compose.waitingFor(service.composeService(),
                    Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(5)));
        }
        compose.start();
        endpoints = new StackEndpoints("127.0.0.1", ports, env);
    }

    @AfterAll
    static void stopCompose() {
        if (compose != null) {
            compose.stop();
        }
    }

    @Override
    StackEndpoints endpoints() {
        return endpoints;
    }
}
