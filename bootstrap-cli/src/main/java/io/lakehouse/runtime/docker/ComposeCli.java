package io.lakehouse.runtime.docker;

import io.lakehouse.runtime.BoundedCommand;
import io.lakehouse.runtime.StackLayout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * {@code docker compose} (v2) on the project's compose file, as project {@code lakehouse}, with the generated
 * credentials and port overrides passed in the environment (never written into the repository).
 */
final class ComposeCli {
    private final StackLayout layout;
    private final java.nio.file.Path file;
    private final String project;
    private final Map<String, String> environment;
    private final List<java.nio.file.Path> overrides;

    /**
     * @param file      the main compose file: the committed one, or the generated one of a scaled stack
     * @param overrides compose files applied over the main one, in order (the stand-ins a start needs)
     */
    ComposeCli(StackLayout layout, java.nio.file.Path file, String project, Map<String, String> environment,
               List<java.nio.file.Path> overrides) {
        this.layout = requireNonNull(layout, "layout");
        this.file = requireNonNull(file, "file");
        this.project = requireNonNull(project, "project");
        this.environment = Map.copyOf(environment);
        this.overrides = List.copyOf(overrides);
    }

    /** The result of one compose command: exit code and combined output. */
    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    /** How often a compose call that has not ended yet checks that the engine still answers. */
    static final Duration ENGINE_CHECK = Duration.ofSeconds(15);

    Result run(long timeoutSeconds, String... arguments) {
        List<String> command = command(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        try {
            // a compose call waits on the engine: should the engine stop answering meanwhile, say so within about
            // half a minute instead of waiting out the call's timeout (a held dockerd kept 'up -d' waiting 2 minutes)
            BoundedCommand.Result result = BoundedCommand.run(builder, Duration.ofSeconds(timeoutSeconds),
                    new BoundedCommand.Watch(ENGINE_CHECK, DockerEngine::problem));
            if (result.abandoned().isPresent()) {
                return new Result(-1, "stopped waiting for " + String.join(" ", command) + ": "
                        + result.abandoned().get() + "\n" + result.tail(20));
            }
            if (result.timedOut()) {
                return new Result(-1, "timed out after " + timeoutSeconds + " s: " + String.join(" ", command)
                        + "\n" + result.tail(20));
            }
            return new Result(result.exit(), result.output());
        } catch (IOException e) {
            return new Result(-1, "cannot run docker compose: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    /**
     * Runs a compose command whose output is the user's (a command in the toolbox): its standard output and error go
     * to {@code out} and {@code err} as they come, chunk by chunk (a progress line rewritten in place stays so), and
     * its exit code is returned. No timeout: the command inside has its own.
     */
    int attached(List<String> arguments, java.io.Writer out, java.io.Writer err) {
        ProcessBuilder builder = new ProcessBuilder(command(arguments));
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            Thread errors = new Thread(() -> copy(process.getErrorStream(), err), "compose-run-stderr");
            errors.start();
            copy(process.getInputStream(), out);
            int exit = process.waitFor();
            errors.join();
            return exit;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot run docker compose: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private static void copy(java.io.InputStream in, java.io.Writer to) {
        try (java.io.Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
            char[] buffer = new char[4096];
            for (int n; (n = reader.read(buffer)) >= 0; ) {
                synchronized (to) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            }
        } catch (IOException e) {
            // the process went away; what it printed so far has been passed on
        }
    }

    private List<String> command(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("docker", "compose", "-p", project,
                "-f", file.toString()));
        overrides.forEach(file -> command.addAll(List.of("-f", file.toString())));
        command.addAll(List.of("--project-directory", layout.composeDir().toString()));
        command.addAll(arguments);
        return command;
    }

    /** Empty when compose v2 is available; otherwise what to install. */
    java.util.Optional<String> problem() {
        Result version = runPlain("docker", "compose", "version");
        return version.ok() ? java.util.Optional.empty()
                : java.util.Optional.of("Docker Compose v2 is missing ('docker compose version' failed); install the "
                + "docker-compose-plugin (Docker's packages) or Debian trixie's docker-compose package");
    }

    private Result runPlain(String... command) {
        try {
            BoundedCommand.Result result = BoundedCommand.run(Duration.ofSeconds(20), List.of(command));
            return new Result(result.exit(), result.timedOut() ? "timed out after 20 s" : result.output());
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
