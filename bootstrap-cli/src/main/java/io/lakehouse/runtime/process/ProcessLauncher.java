package io.lakehouse.runtime.process;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starting the OS process of a service or of one of its init steps, for both runtimes (the local runtime's
 * services, the container entrypoint's init steps). A service process is started in its own session
 * ({@code setsid}) so that Ctrl-C on {@code up} does not take it down, with its output appended to its log.
 */
public final class ProcessLauncher {
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private ProcessLauncher() {
    }

    /**
     * @param log the file output is appended to; empty to inherit this process's output (in a container)
     */
    public static Process spawn(ResolvedCommand command, Map<String, String> environment, Path workDir, Optional<Path> log,
                         boolean detached) throws IOException {
        List<String> argv = new ArrayList<>();
        if (detached && Files.isExecutable(SETSID)) {
            argv.add(SETSID.toString());
        }
        argv.addAll(command.arguments());
        ProcessBuilder builder = new ProcessBuilder(argv)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (log.isPresent()) {
            Files.createDirectories(log.get().getParent());
            Files.writeString(log.get(), "---- lakehouse " + Instant.now() + ": "
                    + String.join(" ", command.arguments()) + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            io.lakehouse.runtime.OwnerOnly.logFile(log.get());
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.get().toFile()));
        } else {
            builder.redirectOutput(ProcessBuilder.Redirect.INHERIT);
        }
        builder.environment().remove("CLASSPATH");
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        if (command.jdk() != null) {
            builder.environment().put("JAVA_HOME", command.jdk().home().toString());
        }
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Runs a one-time command to completion; returns its exit code, or -1 if it was killed at the timeout. */
    public static int runToCompletion(ResolvedCommand command, Map<String, String> environment, Path workDir, Optional<Path> log,
                               long timeoutSeconds) throws IOException, InterruptedException {
        Process process = spawn(command, environment, workDir, log, false);
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            return -1;
        }
        return process.exitValue();
    }

}
