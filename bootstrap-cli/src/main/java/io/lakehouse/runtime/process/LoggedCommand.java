package io.lakehouse.runtime.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A tool the CLI runs for a Python environment (venv, pip, uv): its output appended to a log, each line handed on as
 * it comes (progress), and its last lines in the error when it fails.
 */
final class LoggedCommand {
    private static final int TAIL = 8;

    private LoggedCommand() {
    }

    static void run(List<String> command, Map<String, String> environment, Path log, Consumer<String> lines)
            throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        List<String> tail = new ArrayList<>();
        try (var reader = process.inputReader(StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                lines.accept(line);
                tail.add(line);
                if (tail.size() > TAIL) {
                    tail.remove(0);
                }
            }
        }
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command.subList(0, Math.min(4, command.size())))
                    + " failed (exit " + process.exitValue() + "): " + String.join(" | ", tail));
        }
    }
}
