package io.lakehouse.seed.stages;

import io.lakehouse.runtime.local.Jdk;
import io.lakehouse.runtime.local.JdkLocator;
import io.lakehouse.seed.SeedContext;
import io.lakehouse.seed.SeedStage;
import io.lakehouse.seed.StageResult;
import io.lakehouse.stack.JdkRequirement;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bronze -> silver -> gold: the batch SQL of {@code jobs/spark/sql} (silver.sql, then gold.sql) run on the
 * platform's Spark cluster through its Spark Connect server, by {@code io.lakehouse.jobs.spark.SqlFileRunner} in a
 * child JVM (Spark's Connect client is Scala; the CLI stays free of it). Every table is a MERGE of only what
 * changed, so running the stage again changes nothing. The runner's progress lines become this stage's progress;
 * its error line (file, statement number, Spark's message) becomes the stage's failure.
 */
public final class SparkTransformStage implements SeedStage {
    static final String RUNNER = "io.lakehouse.jobs.spark.SqlFileRunner";
    static final List<String> SQL_FILES = List.of("silver.sql", "gold.sql");
    /** Spark 4.0 runs on Java 17 and 21. */
    static final JdkRequirement JDK = new JdkRequirement(17, 21);
    private static final Pattern ROWS_ADDED = Pattern.compile(": (\\d+) rows added, (\\d+) deleted");
    private static final int ERROR_LINES_KEPT = 40;

    @Override
    public String name() {
        return "silver + gold";
    }

    @Override
    public StageResult run(SeedContext context) throws Exception {
        long began = System.nanoTime();
        Path jobs = context.home().resolve("jobs/spark");
        Path lib = jobs.resolve("target/dist/lib");
        if (!Files.isRegularFile(lib.resolve("lakehouse-spark-jobs.jar"))) {
            throw new IllegalStateException("the Spark jobs are not built (" + lib + " has no lakehouse-spark-jobs.jar); "
                    + "build them with './mvnw -pl jobs/spark package' (the ./lakehouse script does it when needed)");
        }
        List<String> files = new ArrayList<>();
        for (String file : SQL_FILES) {
            Path sql = jobs.resolve("sql").resolve(file);
            if (!Files.isRegularFile(sql)) {
                throw new IllegalStateException("no " + sql + ": the project home " + context.home()
                        + " is incomplete (LAKEHOUSE_HOME or -Dlakehouse.home points elsewhere?)");
            }
            files.add(sql.toString());
        }
        String host = context.stack().host();
        int port = context.stack().port("SPARK_CONNECT_PORT");
        requireAnswering(host, port);
        JdkLocator jdks = JdkLocator.scan();
        Jdk jdk = jdks.find(JDK).orElseThrow(() -> new IllegalStateException(jdks.explainMissing(JDK)));

        List<String> command = new ArrayList<>(List.of(jdk.home().resolve("bin/java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC",
                // Arrow (the Connect client's result format) reads buffers through java.nio internals
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "-cp", lib + "/*", RUNNER, "sc://" + host + ":" + port));
        command.addAll(files);
        Process runner = new ProcessBuilder(command).start();
        runner.getOutputStream().close();
        Deque<String> stderr = new ArrayDeque<>();
        Thread errors = new Thread(() -> keepLast(runner, stderr), "spark-jobs-stderr");
        errors.setDaemon(true);
        errors.start();
        long rowsAdded = 0;
        long rowsDeleted = 0;
        String last = "";
        try (BufferedReader out = new BufferedReader(new InputStreamReader(runner.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                context.progress().update(name(), line);
                Matcher rows = ROWS_ADDED.matcher(line);
                if (rows.find()) {
                    rowsAdded += Long.parseLong(rows.group(1));
                    rowsDeleted += Long.parseLong(rows.group(2));
                }
                last = line;
            }
        } finally {
            if (!runner.waitFor(30, TimeUnit.SECONDS)) {
                runner.destroy();
            }
        }
        errors.join(TimeUnit.SECONDS.toMillis(10));
        int exit = runner.exitValue();
        if (exit != 0) {
            throw new IllegalStateException(failure(exit, stderr));
        }
        String summary = String.format("silver and gold merged: %,d rows written, %,d removed (%s)", rowsAdded,
                rowsDeleted, last.replaceFirst("^done: ", ""));
        return new StageResult(name(), summary, rowsAdded, (System.nanoTime() - began) / 1e9);
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
