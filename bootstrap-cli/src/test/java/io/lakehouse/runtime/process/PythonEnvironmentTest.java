package io.lakehouse.runtime.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Python application's environment is made once and made again only when its lock changes (a version bump) or an
 * install was interrupted; made for real here from PyPI, by the pinned uv, from a one-package hashed lock.
 */
class PythonEnvironmentTest {
    private static final String SIX = """
            six==1.17.0 \\
                --hash=sha256:4721f391ed90541fddacab5acf947aa0d3dc7d27b2e1e8eda2be8970586c3274 \\
                --hash=sha256:ff70335d468e7eb6ec65b95b99d3a2836546063f63acc5171de367e834932a81
            """;

    @Test
    void madeOnceByUvThenReadyUntilTheLockChanges(@TempDir Path dir) throws Exception {
        Path lock = Files.writeString(dir.resolve("requirements.lock"), SIX);
        PythonEnvironment environment = new PythonEnvironment(lock, dir.resolve("venv"));
        assertFalse(environment.ready(), "not made yet");

        Python python = Python.find().python().orElseThrow(() -> new AssertionError(Python.find().problem()));
        // made beside another application's environment, as 'up' makes them: both obtain the one uv at once
        PythonEnvironment other = new PythonEnvironment(lock, dir.resolve("other-venv"));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var made = pool.invokeAll(java.util.List.of(
                    () -> { environment.ensure(python, dir.resolve("tools"), dir.resolve("install.log"), l -> { });
                        return null; },
                    () -> { other.ensure(python, dir.resolve("tools"), dir.resolve("other.log"), l -> { });
                        return null; }));
            for (var each : made) {
                each.get();   // rethrows what an install threw
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(environment.ready());
        assertTrue(other.ready());
        assertTrue(Files.isExecutable(dir.resolve("tools/uv-" + Uv.version() + "/bin/uv")), "uv in its tool venv");
        assertTrue(Files.readString(dir.resolve("install.log")).contains("+ six==1.17.0"), "installed by uv");
        // made by uv, not 'python -m venv': no pip in it, only what the lock holds
        assertTrue(Files.readString(dir.resolve("venv/pyvenv.cfg")).contains("uv = "), "a venv uv made");
        assertFalse(Files.exists(dir.resolve("venv/bin/pip")), "no pip beside the lock's packages");
        try (var found = Files.walk(dir.resolve("venv/lib"))) {
            assertTrue(found.anyMatch(p -> p.getFileName().toString().equals("six-1.17.0.dist-info")));
        }
        // not compiled at install; the first start writes the bytecode of what it imports, into the environment,
        // even where PYTHONDONTWRITEBYTECODE is set (as here and in CI), and later starts read it
        assertTrue(pycOfSix(dir).isEmpty(), "nothing compiled at install: " + pycOfSix(dir));
        ProcessBuilder start = new ProcessBuilder(dir.resolve("venv/bin/python").toString(), "-c", "import six")
                .redirectErrorStream(true);
        start.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        start.environment().putAll(PythonEnvironment.START_ENVIRONMENT);
        Process imported = start.start();
        String output = new String(imported.getInputStream().readAllBytes());
        assertTrue(imported.waitFor() == 0, output);
        assertFalse(pycOfSix(dir).isEmpty(), "six's bytecode written by its first import");

        Files.writeString(lock, SIX.replace("six==1.17.0", "six==1.16.0"));
        assertFalse(environment.ready(), "a changed lock makes it stale");
        Files.writeString(lock, SIX);
        assertTrue(environment.ready());
        Files.writeString(dir.resolve("venv").resolve(PythonEnvironment.MARKER), PythonEnvironment.MADE_COMPILED + SIX);
        assertTrue(environment.ready(), "made while every module was compiled at install: as ready");
        Files.writeString(dir.resolve("venv").resolve(PythonEnvironment.MARKER), SIX);
        assertFalse(environment.ready(), "made before its bytecode was kept anywhere: made again");
        Files.delete(dir.resolve("venv").resolve(PythonEnvironment.MARKER));
        assertFalse(environment.ready(), "an interrupted install (no marker) is not ready");
    }

    private static java.util.List<Path> pycOfSix(Path dir) throws java.io.IOException {
        try (var found = Files.walk(dir.resolve("venv/lib"))) {
            return found.filter(p -> p.getFileName().toString().matches("six\\..*\\.pyc")).toList();
        }
    }
}
