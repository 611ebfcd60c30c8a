package io.lakehouse.it;

import io.lakehouse.runtime.StackLayout;
import io.lakehouse.runtime.docker.ImageBuildException;
import io.lakehouse.runtime.docker.ImageBuilder;
import io.lakehouse.runtime.docker.ServiceImage;
import io.lakehouse.stack.ServiceCatalog;
import io.lakehouse.stack.ServiceDefinition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An image build that fails, for real on the Docker engine: the project's shared Dockerfile with one step that
 * fails, in a copy of the project. The failure names the image, the services it is for and the step, with the
 * build's last lines; the image that was there before keeps its tag (nothing is replaced by half a build).
 */
@EnabledIf("io.lakehouse.it.DockerEngineAvailable#answers")
@Tag(TestStacks.DOCKER_CLI)
class ImageBuildFailureIT {
    @Test
    void aFailingStepIsNamedWithTheImageAndTheServiceAndNothingIsReplaced(@TempDir Path home) throws Exception {
        Path project = Path.of(System.getProperty("lakehouse.home", ".."));
        ServiceDefinition kafka = ServiceCatalog.standard().get("kafka");
        String tag = ImageBuilder.tag(kafka);
        String before = imageId(tag);

        // the project's files the build reads, with one failing step added after the shared JRE layers
        Files.createDirectories(home.resolve("compose"));
        String dockerfile = Files.readString(project.resolve(ServiceImage.SHARED)).replace("ARG DIST\n",
                "RUN echo 'the step that fails' && exit 7\nARG DIST\n");
        Files.writeString(home.resolve(ServiceImage.SHARED), dockerfile);
        for (String file : List.of("compose/lakehouse-entrypoint.sh", "compose/lakehouse-health.sh")) {
            Files.copy(project.resolve(file), home.resolve(file));
        }
        Files.createDirectories(home.resolve("bootstrap-cli/target"));
        Files.writeString(home.resolve("bootstrap-cli/target/lakehouse-all.jar"), "not a jar: never reached");
        Files.copy(project.resolve("bootstrap-cli/cli-jvm.options"), home.resolve("bootstrap-cli/cli-jvm.options"));
        Path dist = Files.createDirectories(home.resolve("services/kafka/target/dist"));
        Files.writeString(dist.resolve("README"), "a service folder");

        List<String> progress = new ArrayList<>();
        ImageBuilder builder = new ImageBuilder(new StackLayout(home, home.resolve(".lakehouse")),
                ServiceCatalog.standard(), progress::add);
        ImageBuildException failure = assertThrows(ImageBuildException.class,
                () -> builder.build(List.of(kafka), true));
        String message = failure.getMessage();
        assertTrue(message.startsWith("the image " + tag + " (kafka) failed at step "), message);
        assertTrue(message.contains("RUN echo 'the step that fails'"), "the step is named: " + message);
        assertTrue(String.join("\n", failure.tail()).contains("the step that fails"), "the build's last lines: "
                + failure.tail());
        assertEquals(before, imageId(tag), "the image tagged before is still the one tagged");
        assertEquals("", ExternalCommand.run(java.time.Duration.ofSeconds(60), "docker", "ps", "-aq", "--filter",
                "status=exited", "--filter", "status=created").assertSucceeded("docker ps").output().strip()
                .lines().filter(id -> failedStepContainer(id)).findAny().orElse(""),
                "the failed step's container is removed with the build");
    }

    private static boolean failedStepContainer(String id) {
        try {
            return ExternalCommand.run(java.time.Duration.ofSeconds(60), "docker", "inspect", "--format",
                    "{{json .Config.Cmd}}", id).output().contains("the step that fails");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String imageId(String tag) throws Exception {
        ExternalCommand.Result inspect = ExternalCommand.run(java.time.Duration.ofSeconds(60),
                "docker", "image", "inspect", "--format", "{{.Id}}", tag);
        return inspect.exit() == 0 ? inspect.output().trim() : "(none)";
    }
}
