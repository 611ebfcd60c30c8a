package io.lakehouse.runtime.local;

import io.lakehouse.runtime.RetryPolicy;

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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starting and stopping the OS processes of services. A service process is started in its own session
 * ({@code setsid}) so that Ctrl-C on {@code up} does not take it down, with its output appended to its log.
 */
final class ServiceProcesses {
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private ServiceProcesses() {
    }

    /**
     * @param log the file output is appended to; empty to inherit this process's output (in a container)
     */
    static Process spawn(CommandLine command, Map<String, String> environment, Path workDir, Optional<Path> log,
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
    static int runToCompletion(CommandLine command, Map<String, String> environment, Path workDir, Optional<Path> log,
                               long timeoutSeconds) throws IOException, InterruptedException {
        Process process = spawn(command, environment, workDir, log, false);
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            return -1;
        }
        return process.exitValue();
    }

    /** What {@link #stop} had to do. */
    enum StopOutcome {
        GRACEFUL, KILLED;

        String describe(RetryPolicy policy) {
            return this == GRACEFUL ? "stopped" : "killed after " + policy.timeout().toSeconds() + " s grace";
        }
    }

    /** SIGTERM, then SIGKILL after the grace period; children are not left behind either way. */
    static StopOutcome stop(ProcessHandle process, RetryPolicy grace) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        StopOutcome outcome = StopOutcome.GRACEFUL;
        try {
            process.onExit().get(grace.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            outcome = StopOutcome.KILLED;
            process.destroyForcibly();
            awaitExit(process);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } catch (ExecutionException e) {
            // onExit does not fail
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
                awaitExit(child);
            }
        }
        return outcome;
    }

    private static void awaitExit(ProcessHandle process) {
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException ignored) {
            // reported by the port check that follows
        }
    }
}
