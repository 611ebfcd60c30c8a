package io.lakehouse.stack;

import io.lakehouse.fixture.FreePorts;
import io.lakehouse.runtime.ServiceState;
import io.lakehouse.runtime.ServiceStatus;
import io.lakehouse.runtime.StackLayout;
import io.lakehouse.runtime.docker.ComposeFile;
import io.lakehouse.runtime.local.LocalRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Adding a service takes its description and its config folder, nothing else (docs/adding-a-service.md): the
 * fixture {@code io.lakehouse.fixture.services.AddedSparkMasterService} plus
 * {@code src/test/fixtures/compose/added-spark-master/}, a second Spark master, is found beside the shipped services
 * without being registered, gets its compose entry from the model, and runs on the local runtime: rendered config,
 * healthy by its protocol probe, its process gone after {@code down}. The platform as shipped does not find it.
 */
class AddingAServiceTest {
    private static final String FIXTURE_PACKAGE = "io.lakehouse.fixture.services";
    /** Maven runs the tests in bootstrap-cli/. */
    private static final Path PROJECT = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path home;

    @Test
    void theDescriptionIsFoundBesideTheShippedServicesAndOnlyWhereItsPackageIsAsked() {
        ServiceCatalog shipped = ServiceCatalog.standard();
        ServiceCatalog added = ServiceCatalog.discovered(ServiceCatalog.SERVICES_PACKAGE, FIXTURE_PACKAGE);
        assertFalse(shipped.all().stream().anyMatch(s -> s.name().equals("added-spark-master")));
        assertEquals(shipped.all().size() + 1, added.all().size());
        assertEquals("added-spark-master", added.get("added-spark-master").name());
        assertEquals(Versions.pinned().of("spark"), added.get("added-spark-master").version());
    }

    @Test
    void itsComposeEntryComesFromTheModel() {
        ServiceCatalog added = ServiceCatalog.discovered(ServiceCatalog.SERVICES_PACKAGE, FIXTURE_PACKAGE);
        String compose = new ComposeFile(added).files().get("docker-compose.yml");
        String entry = entry(compose, "added-spark-master");
        assertTrue(entry.contains("- \"127.0.0.1:${LAKEHOUSE_ADDED_SPARK_MASTER_PORT:-7177}:"), entry);
        assertTrue(entry.contains("- \"127.0.0.1:${LAKEHOUSE_ADDED_SPARK_MASTER_HTTP_PORT:-8190}:"), entry);
        assertTrue(entry.contains("- \"./added-spark-master:/opt/lakehouse/compose/added-spark-master:ro\""), entry);
        assertTrue(entry.contains("command: [added-spark-master]") && entry.contains("start_period: 60s"), entry);
        // an image of its own, built like every JVM service's from the distribution it names
        assertTrue(entry.contains("image: \"lakehouse/added-spark-master:" + Versions.pinned().of("spark") + "\"")
                && entry.contains("DIST: spark"), entry);
        assertTrue(compose.contains("ADDED_SPARK_MASTER_HOST: added-spark-master"), "the shared environment names it");
    }

    @Test
    void itRunsOnTheLocalRuntimeHealthyByItsProbeAndStopsCleanly() throws Exception {
        Path dist = PROJECT.resolve("services/spark/target/dist");
        assertTrue(Files.isDirectory(dist.resolve("jars")), dist + " is built by the services/spark module: "
                + "./mvnw -pl services/spark package");
        // the project as a user has it, plus the added config folder
        Files.createDirectories(home.resolve("services/spark/target"));
        Files.createSymbolicLink(home.resolve("services/spark/target/dist"), dist);
        copy(PROJECT.resolve("bootstrap-cli/src/test/fixtures/compose/added-spark-master"),
                home.resolve("compose/added-spark-master"));

        ServiceCatalog added = ServiceCatalog.discovered(ServiceCatalog.SERVICES_PACKAGE, FIXTURE_PACKAGE);
        ServiceDefinition master = added.get("added-spark-master");
        Map<String, String> ports = new HashMap<>();
        int[] free = FreePorts.distinct(master.ports().size());
        for (int i = 0; i < free.length; i++) {
            ports.put(master.ports().get(i).overrideVariable(), Integer.toString(free[i]));
        }
        LocalRuntime runtime = new LocalRuntime(new StackLayout(home, home.resolve("state")), added, ports::get);
        try {
            runtime.up(List.of(master), event -> { });
            ServiceStatus status = runtime.status(List.of(master)).get(0);
            assertEquals(ServiceState.HEALTHY, status.state(), status.toString());
            String ui = ports.get(master.ports().get(1).overrideVariable());
            assertTrue(Files.readString(home.resolve("state/conf/added-spark-master/spark-defaults.conf"))
                    .contains("spark.master.ui.port           " + ui), "its template rendered with its own port");
            HttpResponse<String> json = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + ui + "/json/")).build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(json.body().contains("\"status\" : \"ALIVE\""), json.body());
            long pid = status.pid().orElseThrow();

            runtime.down(List.of(master), event -> { });
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " alive");
            assertEquals(ServiceState.STOPPED, runtime.status(List.of(master)).get(0).state());
        } finally {
            runtime.down(List.of(master), event -> { });
        }
    }

    private static String entry(String compose, String service) {
        int start = compose.indexOf("\n  " + service + ":\n");
        assertTrue(start >= 0, "no compose service " + service);
        int end = compose.indexOf("\n  ", compose.indexOf('\n', start + 1) + 1);
        while (end >= 0 && compose.startsWith("\n   ", end)) {
            end = compose.indexOf("\n  ", end + 1);
        }
        return compose.substring(start, end < 0 ? compose.length() : end);
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
    }

}
