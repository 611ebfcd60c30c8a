package io.lakehouse.deploy.kubernetes;

import io.lakehouse.runtime.BoundedCommand;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every overlay, rendered by kustomize, is valid against the Kubernetes OpenAPI schemas (.ci/k8s-validate.sh:
 * kubernetes-validate from a hashed lock), and the check does reject an invalid object. No cluster is involved.
 * The first run installs the validator from PyPI into bootstrap-cli/target/k8s-validate (seconds with uv).
 */
class KubernetesSchemaValidationTest {
    private static final Path SCRIPT = KubernetesManifestsTest.HOME.resolve(".ci/k8s-validate.sh");
    private static final Duration BUDGET = Duration.ofMinutes(5);

    @Test
    void everyOverlayIsValidAgainstTheKubernetesSchemas() throws Exception {
        BoundedCommand.Result result = BoundedCommand.run(new ProcessBuilder("bash", SCRIPT.toString()), BUDGET);
        assertEquals(0, result.exit(), result.output());
        for (String overlay : new String[] {"single-node", "scaled", "single-node-with-stand-in"}) {
            assertTrue(result.output().contains("k8s-validate: " + overlay + ": "), result.output());
        }
        assertTrue(result.output().lines().filter(l -> l.endsWith("objects valid")).count() >= 3, result.output());
    }

    @Test
    void anInvalidObjectFailsTheCheck() throws Exception {
        Path invalid = Path.of("src/test/resources/k8s-invalid").toAbsolutePath();
        BoundedCommand.Result result = BoundedCommand.run(new ProcessBuilder("bash", SCRIPT.toString(),
                invalid.toString()), BUDGET);
        assertEquals(1, result.exit(), result.output());
        assertTrue(result.output().contains("k8s-invalid: INVALID"), result.output());
        assertTrue(result.output().contains("deployment/broken"), "names the object: " + result.output());
    }
}
