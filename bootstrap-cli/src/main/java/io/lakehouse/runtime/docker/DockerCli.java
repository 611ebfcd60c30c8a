package io.lakehouse.runtime.docker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
        List<String> lines = new ArrayList<>();
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                    onLine.accept(line);
                }
            }
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                lines.add("timed out after " + timeoutSeconds + " s");
                return new Result(-1, lines);
            }
            return new Result(process.exitValue(), lines);
        } catch (IOException e) {
            lines.add("cannot run " + command.get(0) + ": " + e.getMessage());
            return new Result(-1, lines);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lines.add("interrupted");
            return new Result(-1, lines);
        }
    }
}
