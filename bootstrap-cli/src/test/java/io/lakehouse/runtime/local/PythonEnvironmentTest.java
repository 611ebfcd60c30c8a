package io.lakehouse.runtime.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Python application's environment is made once and made again only when its requirements change (a version bump)
 * or an install was interrupted; made for real here from PyPI with a package-free requirements file.
 */
class PythonEnvironmentTest {
    @Test
    void madeOnceThenReadyUntilTheRequirementsChange(@TempDir Path dir) throws Exception {
        Path requirements = Files.writeString(dir.resolve("requirements.txt"), "# nothing to install\n");
        PythonEnvironment environment = new PythonEnvironment(requirements, dir.resolve("venv"));
        assertFalse(environment.ready(), "not made yet");

        Python python = Python.find().python().orElseThrow(() -> new AssertionError(Python.find().problem()));
        environment.ensure(python, dir.resolve("install.log"), line -> { });
        assertTrue(environment.ready());
        assertTrue(Files.isExecutable(dir.resolve("venv/bin/python")), "a real virtual environment");

        Files.writeString(requirements, "# a version bump\n");
        assertFalse(environment.ready(), "changed requirements make it stale");
        Files.delete(dir.resolve("venv").resolve(PythonEnvironment.MARKER));
        assertFalse(environment.ready(), "an interrupted install (no marker) is not ready");
    }
}
