package io.lakehouse.runtime.docker;

import io.lakehouse.stack.ServiceCatalog;
import io.lakehouse.stack.ServiceDefinition;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One parameterised Dockerfile for the JVM and native services, its arguments from the model. */
class ServiceImageTest {
    private static final ServiceCatalog CATALOG = ServiceCatalog.standard();

    @Test
    void theJdkTheLaunchCommandNeedsChoosesTheBaseAndTheJre() {
        ServiceImage trino = ServiceImage.of(CATALOG.get("trino"));
        assertEquals(ServiceImage.SHARED, trino.dockerfile());
        assertEquals("debian:trixie-slim", trino.arguments().get("BASE"));
        assertEquals("openjdk-25-jre-headless", trino.arguments().get("JRE"));
        ServiceImage kafka = ServiceImage.of(CATALOG.get("kafka"));
        assertEquals("debian:bookworm-slim", kafka.arguments().get("BASE"));
        assertEquals("openjdk-17-jre-headless", kafka.arguments().get("JRE"));
        assertEquals("kafka", kafka.arguments().get("DIST"));
        assertEquals(CATALOG.get("kafka").version(), kafka.arguments().get("VERSION"));
        assertEquals("libcrypt1 libsystemd0 libstdc++6 libgcc-s1",
                ServiceImage.of(CATALOG.get("mysql")).arguments().get("PACKAGES"));
    }

    @Test
    void servicesOfOneFolderBuildTheSameImageAndThePythonApplicationsKeepTheirOwnDockerfile() {
        assertEquals(ServiceImage.of(CATALOG.get("namenode")), ServiceImage.of(CATALOG.get("datanode")));
        ServiceImage airflow = ServiceImage.of(CATALOG.get("airflow"));
        assertEquals("compose/airflow/Dockerfile", airflow.dockerfile());
        assertEquals(java.util.Set.of("VERSION"), airflow.arguments().keySet());
    }

    @Test
    void everyDockerfileTheModelNamesExistsAndNoOtherIsLeft() throws Exception {
        Path home = Path.of(System.getProperty("lakehouse.home", ".."));
        java.util.Set<Path> named = new java.util.TreeSet<>();
        for (ServiceDefinition service : CATALOG.all()) {
            Path dockerfile = home.resolve(ServiceImage.of(service).dockerfile());
            assertTrue(Files.isRegularFile(dockerfile), service.name() + ": " + dockerfile);
            named.add(dockerfile.normalize());
        }
        try (var files = Files.walk(home.resolve("compose"))) {
            java.util.List<Path> unused = files.filter(f -> f.getFileName().toString().endsWith("Dockerfile"))
                    .map(Path::normalize).filter(f -> !named.contains(f)).toList();
            assertEquals(java.util.List.of(), unused, "Dockerfiles no service builds from");
        }
    }
}
