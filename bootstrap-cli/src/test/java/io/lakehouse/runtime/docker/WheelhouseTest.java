package io.lakehouse.runtime.docker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The image's lock: the application's lock plus the hash of each wheel built on the host from a source release. */
class WheelhouseTest {
    private static final String LOCK = """
            # locked from requirements.txt sha256:00 (re-lock: ./lakehouse python-lock)
            six==1.17.0 \\
                --hash=sha256:4721f391ed90541fddacab5acf947aa0d3dc7d27b2e1e8eda2be8970586c3274
            wtforms-json==0.3.5 ; sys_platform != 'win32' \\
                --hash=sha256:aaaa
                # via apache-superset
            """;

    @Test
    void builtWheelsGetTheirHashDownloadedOnesAreKnown(@TempDir Path wheels) throws Exception {
        Path built = Files.writeString(wheels.resolve("WTForms_JSON-0.3.5-py3-none-any.whl"), "built here");
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(built)));
        String image = Wheelhouse.withBuiltWheels(LOCK, wheels);
        assertEquals(LOCK.replace("wtforms-json==0.3.5 ; sys_platform != 'win32' \\\n",
                "wtforms-json==0.3.5 ; sys_platform != 'win32' \\\n    --hash=sha256:" + hash + " \\\n"), image);
    }

    @Test
    void aWheelTheLockDoesNotPinIsAnError(@TempDir Path wheels) throws Exception {
        Files.writeString(wheels.resolve("wtforms_json-0.4.0-py3-none-any.whl"), "another version");
        assertThrows(ImageBuildException.class, () -> Wheelhouse.withBuiltWheels(LOCK, wheels));
    }
}
