package io.lakehouse.runtime.docker;

import io.lakehouse.runtime.BoundedCommand;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The {@code docker} command line, for what it does best: building, importing and pulling images. */
final class DockerCli {

    /** Exit code and output lines of one command. */
    record Result(int exitCode, List<String> lines) {
        boolean ok() {
            return exitCode == 0;
        }

        List<String> tail(int count) {
            return lines.subList(Math.max(0, lines.size() - count), lines.size());
        }

        String lastLine() {
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return lines.get(i).trim();
                }
            }
            return "(no output)";
        }
    }

    Result run(long timeoutSeconds, List<String> arguments) {
        return run(timeoutSeconds, arguments, line -> { });
    }

    Result run(long timeoutSeconds, List<String> arguments, Consumer<String> onLine) {
        List<String> command = new ArrayList<>();
        command.add("docker");
        command.addAll(arguments);
        return exec(timeoutSeconds, command, onLine);
    }

    boolean imageExists(String image) {
        return run(30, List.of("image", "inspect", "--format", "{{.Id}}", image)).ok();
    }

    static Result exec(long timeoutSeconds, List<String> command) {
        return exec(timeoutSeconds, command, line -> { });
    }

    static Result exec(long timeoutSeconds, List<String> command, Consumer<String> onLine) {
        try {
            BoundedCommand.Result result = BoundedCommand.run(new ProcessBuilder(command),
                    Duration.ofSeconds(timeoutSeconds), onLine);
            List<String> lines = new ArrayList<>(result.output().lines().toList());
            if (result.timedOut()) {
                lines.add("timed out after " + timeoutSeconds + " s");
            }
            return new Result(result.exit(), lines);
        } catch (IOException e) {
            return new Result(-1, List.of("cannot run " + command.get(0) + ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, List.of("interrupted"));
        }
    }
}
