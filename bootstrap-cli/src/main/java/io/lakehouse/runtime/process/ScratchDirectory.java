package io.lakehouse.runtime.process;

import io.lakehouse.runtime.FolderTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A service's own temporary folder, in place of the machine's {@code /tmp}. The engines put files there that they
 * delete only when their JVM ends through every shutdown hook, which a stop that halts or kills skips: Flink's table
 * planner (a 45 MB jar at each start of a JobManager), Jetty's web-application folders of HDFS, the
 * native libraries of snappy and lz4. In {@code /tmp} they piled up with every stop. Here the folder is emptied
 * before the service starts and after it stopped, so nothing outlives the service.
 *
 * <p>Every JVM of the service, and every JVM it starts (Spark's executors, the init steps), gets it as
 * {@code java.io.tmpdir} through {@code JDK_JAVA_OPTIONS}, which the {@code java} launcher of JDK 9 and later reads
 * (and notes on its standard error). {@code TMPDIR} is left as it is: the Python applications put Unix sockets
 * under it, whose paths must stay short.
 */
public record ScratchDirectory(Path path) {
    public static final String JAVA_OPTIONS = "JDK_JAVA_OPTIONS";

    public ScratchDirectory {
        path = requireNonNull(path, "path").toAbsolutePath().normalize();
    }

    /** The variables that point the service's JVMs here. */
    public Map<String, String> environment() {
        return Map.of(JAVA_OPTIONS, "-Djava.io.tmpdir=" + quoted(path.toString()));
    }

    /** Empties the folder (or makes it), owner-only. */
    public void empty() {
        try {
            FolderTree.deleteContents(path);
            Files.createDirectories(path);
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the scratch folder " + path, e);
        }
    }

    /** {@code JDK_JAVA_OPTIONS} is split like an argument file: a path with a space or a quote needs quotes. */
    static String quoted(String value) {
        if (value.chars().noneMatch(c -> Character.isWhitespace(c) || c == '"' || c == '\'' || c == '\\')) {
            return value;
        }
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
