package io.lakehouse.runtime.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScratchDirectoryTest {

    @Test
    void emptyingRemovesWhatAStoppedServiceLeftAndKeepsTheFolderOwnerOnly(@TempDir Path root) throws IOException {
        Path folder = root.resolve("tmp").resolve("flink-jobmanager");
        Files.createDirectories(folder.resolve("jetty-localhost-9870-webapp").resolve("WEB-INF"));
        Files.writeString(folder.resolve("jetty-localhost-9870-webapp").resolve("WEB-INF").resolve("web.xml"), "x");
        Files.write(folder.resolve("flink-table-planner_1.jar"), new byte[4096]);
        Files.writeString(root.resolve("beside.txt"), "not ours");

        new ScratchDirectory(folder).empty();

        try (var left = Files.list(folder)) {
            assertEquals(List.of(), left.toList());
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
        assertTrue(Files.exists(root.resolve("beside.txt")), "only the scratch folder is emptied");
    }

    @Test
    void aMissingFolderIsMade(@TempDir Path root) {
        Path folder = root.resolve("tmp").resolve("kafka-2");
        new ScratchDirectory(folder).empty();
        assertTrue(Files.isDirectory(folder));
    }

    /** The variable is read by a real JVM: its java.io.tmpdir is the folder, a space in the path included. */
    @Test
    void aJvmStartedWithTheEnvironmentPutsItsTemporaryFilesThere(@TempDir Path root) throws Exception {
        for (Path folder : List.of(root.resolve("plain"), root.resolve("with space"))) {
            ScratchDirectory scratch = new ScratchDirectory(folder);
            scratch.empty();
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            ProcessBuilder builder = new ProcessBuilder(java.toString(), "-XshowSettings:properties", "-version")
                    .redirectErrorStream(true);
            builder.environment().putAll(scratch.environment());
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue(), output);
            assertTrue(output.lines().anyMatch(line -> line.strip().equals("java.io.tmpdir = " + folder)), output);
        }
    }
}
