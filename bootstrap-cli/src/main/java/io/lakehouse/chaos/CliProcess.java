package io.lakehouse.chaos;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The {@code lakehouse} command run as a user runs it (the project's launcher script, on the same state directory,
 * without building again), its output read line by line as it comes.
 */
final class CliProcess {
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private CliProcess(Process process, Consumer<String> onLine) {
        this.process = process;
        this.reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                    onLine.accept(line);
                }
            } catch (IOException ended) {
                // the process is gone
            }
        }, "cli-output");
        reader.setDaemon(true);
        reader.start();
    }

    static CliProcess start(Path home, Path stateDir, java.util.Map<String, String> environment,
                            Consumer<String> onLine, String... arguments) throws IOException {
        return start(home, stateDir, environment, true, onLine, arguments);
    }

    /** With {@code withErrors} false, only the command's standard output is read (a --json result). */
    static CliProcess start(Path home, Path stateDir, java.util.Map<String, String> environment, boolean withErrors,
                            Consumer<String> onLine, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(home.resolve("lakehouse").toString()));
        command.addAll(List.of(arguments));
        command.add("--state-dir=" + stateDir);
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(withErrors)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        if (!withErrors) {
            builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        }
        builder.environment().put("LAKEHOUSE_SKIP_BUILD", "true");
        builder.environment().remove("LAKEHOUSE_STATE_DIR");
        builder.environment().putAll(environment);
        return new CliProcess(builder.start(), onLine);
    }

    /** Waits for the command to end; kills it (and returns -1) if it runs longer than {@code minutes}. */
    int await(long minutes) throws InterruptedException {
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            reader.join(5000);
            return -1;
        }
        reader.join(5000);
        return process.exitValue();
    }

    boolean alive() {
        return process.isAlive();
    }

    List<String> lines() {
        return List.copyOf(lines);
    }
}
