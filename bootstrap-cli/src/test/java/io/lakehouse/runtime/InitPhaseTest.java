package io.lakehouse.runtime;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The init phase goes from the container's status file, through the real healthcheck script, back to the CLI. */
class InitPhaseTest {
    @Test
    void theHealthcheckScriptReportsThePhaseTheWaitReadsBack() throws Exception {
        InitPhase phase = new InitPhase("init-schema", "create the metastore schema in MySQL (schematool)",
                1_790_000_000L, Duration.ofSeconds(240));
        Path status = Files.createTempFile("lakehouse-health", "");
        try {
            Files.writeString(status, phase.statusLine() + "\n");
            Path script = Path.of(System.getProperty("lakehouse.home", ".."), "compose/lakehouse-health.sh");
            String text = Files.readString(script).replace("readonly STATUS_FILE=/tmp/lakehouse-health",
                    "readonly STATUS_FILE=" + status);
            Process check = new ProcessBuilder("bash", "-c", text).redirectErrorStream(true).start();
            String output = new String(check.getInputStream().readAllBytes());
            assertEquals(1, check.waitFor(), "unhealthy while a step runs: " + output);
            assertEquals(Optional.of(phase), InitPhase.fromHealthOutput(output), output);
        } finally {
            Files.deleteIfExists(status);
        }
    }

    @Test
    void otherOutputIsNoPhase() {
        assertEquals(Optional.empty(), InitPhase.fromHealthOutput("unhealthy: phase starting: port closed"));
        assertEquals(Optional.empty(), InitPhase.fromHealthOutput(null));
        assertTrue(new InitPhase("a", "b", 100, Duration.ofSeconds(10)).ranOut(111));
    }
}
