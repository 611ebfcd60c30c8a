package io.lakehouse.runtime.local;

import io.lakehouse.fixture.FreePorts;
import io.lakehouse.runtime.process.PortInspector;
import io.lakehouse.runtime.process.PreflightException;
import io.lakehouse.runtime.process.Python;

import io.lakehouse.runtime.ServiceState;
import io.lakehouse.runtime.ServiceStatus;
import io.lakehouse.runtime.StackEvent;
import io.lakehouse.runtime.StackLayout;
import io.lakehouse.runtime.StackStartException;
import io.lakehouse.stack.HealthProbe;
import io.lakehouse.stack.LaunchCommand;
import io.lakehouse.stack.LocalLaunch;
import io.lakehouse.stack.ProbeResult;
import io.lakehouse.stack.ProbeTarget;
import io.lakehouse.stack.ServiceCatalog;
import io.lakehouse.stack.ServiceDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The local runtime with real processes (small Python web servers standing in for services): start order, health,
 * adoption of a running stack, crash and stale-record handling, busy ports, a service that dies, and down.
 */
class LocalRuntimeTest {
    @TempDir
    Path home;

    private int webPort;
    private int apiPort;
    private int crasherPort;
    private ServiceCatalog catalog;
    private LocalRuntime runtime;
    private final List<StackEvent> events = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void setUp() throws IOException {
        int[] ports = FreePorts.distinct(3);
        webPort = ports[0];
        apiPort = ports[1];
        crasherPort = ports[2];
        for (String name : List.of("web", "api", "crasher")) {
            Files.createDirectories(home.resolve("services").resolve(name).resolve("target/dist"));
            Files.createDirectories(home.resolve("compose").resolve(name));
        }
        Files.writeString(home.resolve("compose/web/index.html"), "web on ${WEB_PORT} bound to ${BIND_ADDRESS}");
        Files.writeString(home.resolve("compose/api/index.html"), "api needs web at ${WEB_HOST}:${WEB_PORT}");
        catalog = new ServiceCatalog(List.of(
                webServer("web", "WEB_PORT", webPort),
                ServiceDefinition.builder("api").version("1").port("API_PORT", apiPort, "http").dependsOn("web")
                        .health(new HttpProbe("API_PORT")).memoryBudgetMb(20).startTimeout(Duration.ofSeconds(20))
                        .local(new LocalLaunch("api", List.of(), httpServer("API_PORT"), Map.of())).build()));
        runtime = new LocalRuntime(new StackLayout(home, home.resolve("state")), catalog);
    }

    @AfterEach
    void tearDown() {
        runtime.down(catalog.all(), e -> { });
    }

    @Test
    void startsInOrderServesRenderedConfigAdoptsAndStopsCleanly() throws Exception {
        runtime.up(catalog.all(), events::add);
        assertEquals("web on " + webPort + " bound to 127.0.0.1", get(webPort));
        assertEquals("api needs web at 127.0.0.1:" + webPort, get(apiPort));
        assertTrue(indexOf("web", StackEvent.Phase.HEALTHY) < indexOf("api", StackEvent.Phase.STARTING),
                "api must start only once web is healthy: " + events);

        List<ServiceStatus> status = runtime.status(catalog.all());
        assertTrue(status.stream().allMatch(s -> s.state() == ServiceState.HEALTHY), status.toString());
        long webPid = status.get(0).pid().orElseThrow();

        events.clear();
        runtime.up(catalog.all(), events::add);
        assertEquals(2, events.stream().filter(e -> e.phase() == StackEvent.Phase.ALREADY_RUNNING).count(),
                "up on a healthy stack is a no-op: " + events);
        assertEquals(webPid, runtime.status(catalog.all()).get(0).pid().orElseThrow());

        runtime.down(catalog.all(), e -> { });
        assertFalse(ProcessHandle.of(webPid).map(ProcessHandle::isAlive).orElse(false), "web process still alive");
        assertTrue(PortInspector.isFree("127.0.0.1", webPort) && PortInspector.isFree("127.0.0.1", apiPort));
        assertTrue(runtime.status(catalog.all()).stream().allMatch(s -> s.state() == ServiceState.STOPPED));
    }

    @Test
    void aKilledServiceIsReportedCrashedAndRestartedByUp() throws Exception {
        runtime.up(catalog.all(), e -> { });
        ProcessHandle web = runtime.liveProcess(catalog.get("web")).orElseThrow();
        web.destroyForcibly();
        web.onExit().get();
        assertEquals(ServiceState.CRASHED, runtime.status(catalog.all()).get(0).state());

        runtime.up(catalog.all(), events::add);
        long newPid = runtime.liveProcess(catalog.get("web")).orElseThrow().pid();
        assertNotEquals(web.pid(), newPid);
        assertEquals("web on " + webPort + " bound to 127.0.0.1", get(webPort));
    }

    @Test
    void aRecordWhosePidNowBelongsToAnotherProgramIsStaleAndThatProgramIsLeftAlone() throws Exception {
        ProcessHandle self = ProcessHandle.current();
        long wrongStart = ProcessRecordStore.startTime(self).orElseThrow() - 60_000;
        new ProcessRecordStore(home.resolve("state/run")).write(new ProcessRecord("web", self.pid(), wrongStart, null,
                "python3", Map.of("WEB_PORT", webPort), "log", System.currentTimeMillis()));
        assertTrue(runtime.liveProcess(catalog.get("web")).isEmpty(), "a reused pid must not count as ours");
        assertEquals(ServiceState.CRASHED, runtime.status(catalog.all()).get(0).state());

        runtime.down(catalog.all(), e -> { });
        assertTrue(self.isAlive());
        runtime.up(catalog.all(), e -> { });
        assertNotEquals(self.pid(), runtime.liveProcess(catalog.get("web")).orElseThrow().pid());
    }

    @Test
    void aBusyPortIsNamedWithItsHolderAndNothingStarts() throws Exception {
        try (ServerSocket squatter = new ServerSocket(webPort, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            PreflightException e = assertThrows(PreflightException.class, () -> runtime.up(catalog.all(), events::add));
            String message = e.getMessage();
            assertTrue(message.contains("port " + webPort) && message.contains("pid " + ProcessHandle.current().pid())
                    && message.contains("LAKEHOUSE_WEB_PORT"), message);
            assertTrue(events.isEmpty(), "nothing may start: " + events);
            assertTrue(runtime.liveProcess(catalog.get("api")).isEmpty());
        }
    }

    @Test
    void aServiceThatDiesIsReportedWithItsLogAndOnlyItsDependentsAreSkipped() throws Exception {
        ServiceCatalog withCrasher = new ServiceCatalog(List.of(
                webServer("web", "WEB_PORT", webPort),
                ServiceDefinition.builder("crasher").version("1").port("CRASHER_PORT", crasherPort, "http")
                        .health(new HttpProbe("CRASHER_PORT")).memoryBudgetMb(20)
                        .local(new LocalLaunch("crasher", List.of(), new LaunchCommand.Native("python3",
                                List.of("-c", "import sys; print('boom: bad setting x'); sys.exit(3)")), Map.of()))
                        .build(),
                ServiceDefinition.builder("api").version("1").port("API_PORT", apiPort, "http")
                        .dependsOn("crasher").health(new HttpProbe("API_PORT")).memoryBudgetMb(20)
                        .local(new LocalLaunch("api", List.of(), httpServer("API_PORT"), Map.of())).build()));
        LocalRuntime crashing = new LocalRuntime(new StackLayout(home, home.resolve("state")), withCrasher);
        try {
            StackStartException e = assertThrows(StackStartException.class,
                    () -> crashing.up(withCrasher.all(), events::add));
            assertEquals("crasher", e.failures().get(0).service());
            assertTrue(e.failures().get(0).reason().contains("exited with code 3"), e.failures().get(0).reason());
            assertTrue(e.failures().get(0).logTail().stream().anyMatch(l -> l.contains("boom: bad setting x")));
            assertEquals(List.of("api"), e.skipped());
            assertTrue(crashing.liveProcess(withCrasher.get("web")).isPresent(), "independent web stays up");
        } finally {
            crashing.down(withCrasher.all(), ev -> { });
        }
    }

    private int indexOf(String service, StackEvent.Phase phase) {
        synchronized (events) {
            for (int i = 0; i < events.size(); i++) {
                if (events.get(i).service().equals(service) && events.get(i).phase() == phase) {
                    return i;
                }
            }
        }
        throw new AssertionError("no " + phase + " event for " + service + ": " + events);
    }

    private static ServiceDefinition webServer(String name, String portVariable, int port) {
        return ServiceDefinition.builder(name).version("1").port(portVariable, port, "http")
                .health(new HttpProbe(portVariable)).memoryBudgetMb(20).startTimeout(Duration.ofSeconds(20))
                .local(new LocalLaunch(name, List.of(), httpServer(portVariable), Map.of())).build();
    }

    private static LaunchCommand httpServer(String portVariable) {
        return new LaunchCommand.Native("python3", List.of("-m", "http.server", "${" + portVariable + "}",
                "--bind", "${BIND_ADDRESS}", "--directory", "${CONF_DIR}"));
    }

    private static String get(int port) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/index.html")).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    /** HTTP 200 on the index page. */
    private record HttpProbe(String portVariable) implements HealthProbe {
        @Override
        public String describe() {
            return "HTTP GET /";
        }

        @Override
        public ProbeResult probe(ProbeTarget target) {
            try {
                int code = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build().send(
                        HttpRequest.newBuilder(URI.create("http://" + target.host() + ":"
                                + target.port(portVariable) + "/")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                return code == 200 ? ProbeResult.healthy("HTTP 200") : ProbeResult.unhealthy("HTTP " + code);
            } catch (Exception e) {
                return ProbeResult.unhealthy(e.toString());
            }
        }
    }
}
