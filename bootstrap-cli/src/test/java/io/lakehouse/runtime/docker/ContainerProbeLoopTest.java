package io.lakehouse.runtime.docker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** "Healthy after N s" counts from when the entrypoint began, whichever line it left before the loop started. */
class ContainerProbeLoopTest {
    @Test
    void theEntrypointsBeginningIsReadFromEitherLine(@TempDir Path dir) throws Exception {
        Path status = dir.resolve("health");
        Files.writeString(status, "preparing 1700000000 config and one-time init\n");
        assertEquals(Optional.of(1_700_000_000_000L), ContainerProbeLoop.preparingSince(status));
        Files.writeString(status, "starting 1700000090 config and one-time init done, the service starts "
                + "(entrypoint began 1700000000)\n");
        assertEquals(Optional.of(1_700_000_000_000L), ContainerProbeLoop.preparingSince(status));
        Files.writeString(status, "initialising 1700000010 init-schema budget=240s: create the schema\n");
        assertEquals(Optional.empty(), ContainerProbeLoop.preparingSince(status));
    }
}
