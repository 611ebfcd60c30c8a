package io.lakehouse.seed.spark;

import io.lakehouse.runtime.process.Jdk;
import io.lakehouse.runtime.process.JdkLocator;
import io.lakehouse.stack.JdkRequirement;
import io.lakehouse.stack.ProbeTarget;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * Runs SQL files on the platform's Spark cluster through its Spark Connect server, with
 * {@code io.lakehouse.jobs.spark.SqlFileRunner} in a child JVM (Spark's Connect client is Scala; the CLI stays free
 * of it). Each line the runner prints (one per statement, with its time) goes to the caller; a failure becomes an
 * exception holding the runner's error line (file, statement number, Spark's message).
 */
public final class SparkSqlRunner {
    static final String RUNNER = "io.lakehouse.jobs.spark.SqlFileRunner";
    private static final String JOBS_JAR = "lakehouse-spark-jobs.jar";
    /** Spark 4.0 runs on Java 17 and 21. */
    static final JdkRequirement JDK = new JdkRequirement(17, 21);
    private static final int ERROR_LINES_KEPT = 40;

    private final Path home;
    private final ProbeTarget stack;

    public SparkSqlRunner(Path home, ProbeTarget stack) {
        this.home = requireNonNull(home, "home");
        this.stack = requireNonNull(stack, "stack");
    }

    /** The SQL files of the project's Spark jobs: {@code jobs/spark/sql/<name>}. */
    public Path sqlFile(String name) {
        Path sql = home.resolve("jobs/spark/sql").resolve(name);
        if (!Files.isRegularFile(sql)) {
            throw new IllegalStateException("no " + sql + ": the project home " + home
                    + " is incomplete (LAKEHOUSE_HOME or -Dlakehouse.home points elsewhere?)");
        }
        return sql;
    }

    /**
     * The build of the Spark jobs the runner runs: their jar's size and time ("not built" without it). A rebuilt
     * runner may run the same files differently, so {@link LastTransform} counts it among a run's inputs.
     */
    public String build() throws IOException {
        Path jar = lib().resolve(JOBS_JAR);
        return Files.isRegularFile(jar)
                ? jar.getFileName() + ":" + Files.size(jar) + ":" + Files.getLastModifiedTime(jar).toMillis()
                : "not built";
    }

    private Path lib() {
        return home.resolve("jobs/spark/target/dist/lib");
    }

    public void run(List<Path> files, Consumer<String> lines) throws IOException, InterruptedException {
        Path lib = lib();
        if (!Files.isRegularFile(lib.resolve(JOBS_JAR))) {
            throw new IllegalStateException("the Spark jobs are not built (" + lib + " has no lakehouse-spark-jobs.jar); "
                    + "build them with './mvnw -pl jobs/spark package' (the ./lakehouse script does it when needed)");
        }
        String host = stack.hostOf("SPARK_CONNECT_PORT");
        int port = stack.port("SPARK_CONNECT_PORT");
        requireAnswering(host, port);
        JdkLocator jdks = JdkLocator.scan();
        Jdk jdk = jdks.find(JDK).orElseThrow(() -> new IllegalStateException(jdks.explainMissing(JDK)));
        List<String> command = new ArrayList<>(List.of(jdk.home().resolve("bin/java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC",
                // Arrow (the Connect client's result format) reads buffers through java.nio internals
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-cp", lib + "/*", RUNNER, "sc://" + host + ":" + port));
        files.forEach(file -> command.add(file.toString()));
        Process runner = new ProcessBuilder(command).start();
        // The runner must not outlive this command: a seed that stops (a service died, Ctrl-C) would leave it
        // running, and after a restart of Spark Connect its client reattaches and commits beside the next run's
        // MERGEs (seen: the next seed's MERGE failed on "conflicting files"). So it ends with this JVM.
        Thread endRunner = new Thread(() -> {
            runner.descendants().forEach(ProcessHandle::destroyForcibly);
            runner.destroyForcibly();
        }, "end-spark-sql-runner");
        Runtime.getRuntime().addShutdownHook(endRunner);
        runner.getOutputStream().close();
        Deque<String> stderr = new ArrayDeque<>();
        Thread errors = new Thread(() -> keepLast(runner, stderr), "spark-sql-runner-stderr");
        errors.setDaemon(true);
        errors.start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(runner.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.accept(line);
            }
        } finally {
            if (!runner.waitFor(30, TimeUnit.SECONDS)) {
                runner.destroy();
            }
        }
        errors.join(TimeUnit.SECONDS.toMillis(10));
        try {
            Runtime.getRuntime().removeShutdownHook(endRunner);
        } catch (IllegalStateException exiting) {
            // the JVM is already shutting down: the hook ends the runner
        }
        int exit = runner.exitValue();
        if (exit != 0) {
            throw new IllegalStateException(failure(exit, stderr));
        }
    }

    /** The runner's own error line when it printed one, else the last lines of its stderr. */
    static String failure(int exit, Deque<String> stderr) {
        synchronized (stderr) {
            String error = stderr.stream().filter(l -> l.startsWith("error: ")).reduce((a, b) -> b)
                    .map(l -> l.substring("error: ".length())).orElse(null);
            if (error != null) {
                return error + (error.contains("TABLE_OR_VIEW_NOT_FOUND") && error.contains("bronze")
                        ? " (bronze is filled by the earlier seed stages and the streaming jobs: CDC and events)" : "");
            }
            List<String> tail = new ArrayList<>(stderr);
            return "the Spark job runner exited with " + exit + ": "
                    + String.join(" | ", tail.subList(Math.max(0, tail.size() - 5), tail.size()));
        }
    }

    private static void keepLast(Process runner, Deque<String> lines) {
        try (BufferedReader err = new BufferedReader(new InputStreamReader(runner.getErrorStream(),
                StandardCharsets.UTF_8))) {
            for (String line = err.readLine(); line != null; line = err.readLine()) {
                synchronized (lines) {
                    lines.addLast(line);
                    if (lines.size() > ERROR_LINES_KEPT) {
                        lines.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void requireAnswering(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 3000);
        } catch (IOException e) {
            throw new IllegalStateException("Spark Connect at " + host + ":" + port + " does not answer ("
                    + e.getMessage() + "); start it with 'lakehouse up spark-connect'");
        }
    }
}
