package io.lakehouse.runtime;

import io.lakehouse.stack.HealthProbe;
import io.lakehouse.stack.ProbeResult;
import io.lakehouse.stack.ProbeTarget;
import io.lakehouse.stack.ServiceDefinition;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The wait for health with one-time init steps in it: each step has its own budget, the start timeout its own. */
class HealthWaiterTest {
    private static final LogSource NO_LOG = new LogSource() {
        @Override
        public String location() {
            return "(none)";
        }

        @Override
        public List<String> tail(int lines) {
            return List.of();
        }
    };

    @Test
    void anInitStepThatRunsOutOfItsBudgetIsNamedAsThatPhase() throws Exception {
        try (ServerSocket closedLater = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = closedLater.getLocalPort();
            closedLater.close();
            ServiceDefinition service = service(port, Duration.ofSeconds(30));
            long since = Instant.now().getEpochSecond() - 10;
            InitPhase schema = new InitPhase("init-schema", "create the metastore schema", since, Duration.ofSeconds(5));
            ServiceStartException failure = assertThrows(ServiceStartException.class, () -> HealthWaiter.await(
                    service, target(port), Optional::empty, () -> Optional.of(schema), NO_LOG, StackListener.SILENT));
            assertTrue(failure.failure().reason().startsWith("phase init step 'init-schema' (create the metastore "
                    + "schema)"), failure.failure().reason());
            assertTrue(failure.failure().reason().contains("of its 5 s budget"), failure.failure().reason());
        }
    }

    @Test
    void theStartTimeoutCountsFromTheEndOfInit() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            // init runs for about 3 s, longer than the 2 s start timeout; then the port answers
            ServiceDefinition service = service(port, Duration.ofSeconds(2));
            long began = System.nanoTime();
            InitPhase format = new InitPhase("format", "format storage", Instant.now().getEpochSecond(),
                    Duration.ofSeconds(60));
            List<StackEvent> events = new ArrayList<>();
            ProbeResult healthy = HealthWaiter.await(service, target(port), Optional::empty,
                    () -> System.nanoTime() - began < 3_000_000_000L ? Optional.of(format) : Optional.empty(),
                    NO_LOG, events::add);
            assertTrue(healthy.healthy());
            assertTrue(events.stream().anyMatch(e -> e.phase() == StackEvent.Phase.INITIALISING
                    && e.detail().contains("phase init step 'format'")), events.toString());
        }
    }

    @Test
    void withoutInitTheStartPhaseRunsOutAndSaysSo() throws Exception {
        // a port bound but never listened on, held for the whole wait: every connect is refused. (A port closed
        // after it was found free could be taken by another program meanwhile, or be the probe's own source port.)
        try (Socket bound = new Socket()) {
            bound.bind(new InetSocketAddress("127.0.0.1", 0));   // the probe's target
            int closed = bound.getLocalPort();
            AtomicInteger probes = new AtomicInteger();
            ServiceDefinition service = service(closed, Duration.ofSeconds(1), probes);
            ServiceStartException failure = assertThrows(ServiceStartException.class, () -> HealthWaiter.await(
                    service, target(closed), Optional::empty, NO_LOG, StackListener.SILENT));
            assertTrue(failure.failure().reason().startsWith("phase start: not healthy 1 s after it was started"),
                    failure.failure().reason());
            assertTrue(probes.get() >= 2, "probed while waiting: " + probes.get());
        }
    }

    private static ServiceDefinition service(int port, Duration startTimeout) {
        return service(port, startTimeout, new AtomicInteger());
    }

    private static ServiceDefinition service(int port, Duration startTimeout, AtomicInteger probes) {
        return ServiceDefinition.builder("svc").version("1").port("SVC_PORT", port, "tcp")
                .health(new TcpProbe(probes)).memoryBudgetMb(20).startTimeout(startTimeout)
                .local(io.lakehouse.stack.LocalLaunch.python("svc", List.of(),
                        new io.lakehouse.stack.LaunchCommand.Native("/bin/true", List.of()), Map.of()))
                .build();
    }

    private static ProbeTarget target(int port) {
        return new ProbeTarget("127.0.0.1", Map.of("SVC_PORT", port), Map.of());
    }

    /** A real TCP connect to the service's port. */
    private record TcpProbe(AtomicInteger count) implements HealthProbe {
        @Override
        public String describe() {
            return "TCP connect to SVC_PORT";
        }

        @Override
        public ProbeResult probe(ProbeTarget target) {
            count.incrementAndGet();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(target.host(), target.port("SVC_PORT")), 500);
                return ProbeResult.healthy("accepts connections");
            } catch (IOException e) {
                return ProbeResult.unhealthy(e.getMessage());
            }
        }
    }
}
