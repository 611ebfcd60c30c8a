package io.lakehouse.runtime.docker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** An image's build context holds what its Dockerfile copies from the repository, and nothing else. */
class ImageContextTest {
    @Test
    void theSourcesAreTheCopyLinesOfTheDockerfileButNotThoseFromAStage() {
        assertEquals(List.of("services/kafka/target/dist", "bootstrap-cli/target/lakehouse-all.jar"),
                ImageContext.sources("""
                        FROM debian:bookworm-slim
                        COPY services/kafka/target/dist /opt/lakehouse/services/kafka
                        COPY --from=venv /opt/lakehouse/venvs/x /opt/lakehouse/venvs/x
                        COPY bootstrap-cli/target/lakehouse-all.jar /opt/lakehouse/lakehouse.jar
                        """));
    }

    @Test
    void theContextHoldsTheCopiedFilesOnly(@TempDir Path home) throws Exception {
        twoServiceFolders(home);
        Path dockerfile = Files.createDirectories(home.resolve("compose/kafka")).resolve("Dockerfile");
        Files.writeString(dockerfile, "FROM x\nCOPY services/kafka/target/dist /opt/x\n");

        Path context = new ImageContext(home, home.resolve("contexts")).make("kafka", dockerfile);
        assertEquals("jar", Files.readString(context.resolve("services/kafka/target/dist/lib/kafka.jar")));
        assertFalse(Files.exists(context.resolve("services/spark")), "another image's service folder stays out");
    }

    @Test
    void theSharedDockerfilesContextHoldsItsServicesFolderOnly(@TempDir Path home) throws Exception {
        twoServiceFolders(home);
        Files.createDirectories(home.resolve("bootstrap-cli/target"));
        Files.writeString(home.resolve("bootstrap-cli/target/lakehouse-all.jar"), "cli");
        Files.writeString(home.resolve("bootstrap-cli/cli-jvm.options"), "-XX:+UseSerialGC");
        Files.createDirectories(home.resolve("compose"));
        Files.writeString(home.resolve("compose/lakehouse-entrypoint.sh"), "e");
        Files.writeString(home.resolve("compose/lakehouse-health.sh"), "h");
        Path dockerfile = home.resolve(ServiceImage.SHARED);
        Files.copy(Path.of(System.getProperty("lakehouse.home", "..")).resolve(ServiceImage.SHARED), dockerfile);

        Path context = new ImageContext(home, home.resolve("contexts")).make("kafka", dockerfile,
                ServiceImage.of(io.lakehouse.stack.ServiceCatalog.standard().get("kafka"))::substitute);
        assertEquals("jar", Files.readString(context.resolve("services/kafka/target/dist/lib/kafka.jar")));
        assertEquals("cli", Files.readString(context.resolve("bootstrap-cli/target/lakehouse-all.jar")));
        assertEquals("-XX:+UseSerialGC", Files.readString(context.resolve("bootstrap-cli/cli-jvm.options")));
        assertFalse(Files.exists(context.resolve("services/spark")), "another image's service folder stays out");
    }

    /** Kafka's service folder, and Spark's, which no Kafka image may carry. */
    private static void twoServiceFolders(Path home) throws Exception {
        Files.createDirectories(home.resolve("services/kafka/target/dist/lib"));
        Files.writeString(home.resolve("services/kafka/target/dist/lib/kafka.jar"), "jar");
        Files.createDirectories(home.resolve("services/spark/target/dist"));
        Files.writeString(home.resolve("services/spark/target/dist/spark.jar"), "other image's");
    }
}
