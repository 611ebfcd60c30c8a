package io.lakehouse.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A program run to its end within a timeout that holds. Its output (stdout and stderr together) goes to an
 * owner-only temporary file, not a pipe, so a child process that keeps a pipe open cannot block the read past the
 * timeout; at the timeout the program and every process it started are killed. Stdin is closed.
 */
public final class BoundedCommand {
    /** How the program ended: its exit code (-1 when it did not finish) and what it printed. */
    public record Result(int exit, String output, boolean timedOut, java.util.Optional<String> abandoned) {
        public Result(int exit, String output, boolean timedOut) {
            this(exit, output, timedOut, java.util.Optional.empty());
        }

        public boolean ok() {
            return exit == 0 && !timedOut && abandoned.isEmpty();
        }

        /** The last lines of the output, for a message. */
        public String tail(int lines) {
            List<String> all = output.lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        }
    }

    private BoundedCommand() {
    }

    /** Runs the prepared builder (its environment and directory kept; stdin, stdout and stderr redirected). */
    public static Result run(ProcessBuilder builder, Duration timeout) throws IOException, InterruptedException {
        return run(builder, timeout, Watch.NONE);
    }

    /**
     * What may end a program before its timeout: every {@code every} while it runs, {@code reason} is asked; a
     * reason (the program waits on something that is gone, such as a stopped Docker engine) kills the program, and
     * the result says so ({@link Result#abandoned}) instead of waiting out the timeout.
     */
    public record Watch(Duration every, java.util.function.Supplier<java.util.Optional<String>> reason) {
        public static final Watch NONE = new Watch(Duration.ofDays(365), java.util.Optional::empty);
    }

    /** The same, with a {@link Watch} on the program while it runs. */
    public static Result run(ProcessBuilder builder, Duration timeout, Watch watch)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile("lakehouse-command-", ".log");   // 0600: created for the owner only
        try {
            Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            long deadline = System.nanoTime() + timeout.toNanos();
            java.util.Optional<String> abandoned = java.util.Optional.empty();
            boolean finished = false;
            while (!finished) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                finished = endsWithin(process, Duration.ofNanos(Math.min(left, watch.every().toNanos())));
                if (!finished && System.nanoTime() < deadline) {
                    abandoned = watch.reason().get();
                    if (abandoned.isPresent()) {
                        break;
                    }
                }
            }
            if (!finished) {
                kill(process);
            }
            String printed = new String(Files.readAllBytes(output), StandardCharsets.UTF_8);
            if (finished) {
                return new Result(process.exitValue(), printed, false);
            }
            return new Result(-1, printed, abandoned.isEmpty(), abandoned);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    public static Result run(Duration timeout, List<String> command) throws IOException, InterruptedException {
        return run(new ProcessBuilder(command), timeout);
    }

    /**
     * The same, handing each line to {@code onLine} as it comes (a build's progress). A reader thread drains the
     * output; the timeout holds on the program, and once it ended the reader gets {@link #DRAIN} more to finish
     * (a child that keeps the pipe open does not hold the caller).
     */
    public static Result run(ProcessBuilder builder, Duration timeout, java.util.function.Consumer<String> onLine)
            throws IOException, InterruptedException {
        Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).start();
        List<String> lines = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Thread reader = new Thread(() -> {
            try (java.io.BufferedReader output = process.inputReader(StandardCharsets.UTF_8)) {
                String line;
                while ((line = output.readLine()) != null) {
                    lines.add(line);
                    onLine.accept(line);
                }
            } catch (IOException ignored) {
                // the program and its output are gone
            }
        }, "command-output");
        reader.setDaemon(true);
        reader.start();
        boolean finished = endsWithin(process, timeout);
        if (!finished) {
            kill(process);
        }
        reader.join(DRAIN.toMillis());
        String printed;
        synchronized (lines) {
            printed = String.join("\n", lines);
        }
        return finished ? new Result(process.exitValue(), printed, false) : new Result(-1, printed, true);
    }

    /** How long the output may still be read once the program ended. */
    private static final Duration DRAIN = Duration.ofSeconds(5);

    /**
     * Whether the program ended within the timeout (the caller decides what a program still running means); an
     * interrupt of this thread kills it.
     */
    private static boolean endsWithin(Process process, Duration timeout) throws InterruptedException {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            kill(process);
            throw e;
        }
    }

    private static void kill(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
}
