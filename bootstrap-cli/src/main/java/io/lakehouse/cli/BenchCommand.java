package io.lakehouse.cli;

import io.lakehouse.cli.render.ProgressLine;
import io.lakehouse.cli.render.ProgressDisplay;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lakehouse.bench.ContainerCpu;
import io.lakehouse.bench.ProcessTreeCpu;
import io.lakehouse.bench.RestBenchmark;
import io.lakehouse.bench.SeedBenchmark;
import io.lakehouse.bench.TrinoAggregateBenchmark;
import io.lakehouse.runtime.ServiceState;
import io.lakehouse.runtime.ServiceStatus;
import io.lakehouse.runtime.StackRuntime;
import io.lakehouse.seed.SeedContext;
import io.lakehouse.sql.TrinoEndpoint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code lakehouse bench}: the running stack measured (trino, cdc, load, seed, rest). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the running stack. 'trino': an aggregate over an N-row Iceberg table "
                + "(made once as lakehouse.bench.sales_N), median and p95 of M runs after a warm-up. "
                + "'cdc': freshness of M changes from a MySQL commit to visible in Trino (needs a seeded stack). "
                + "'load': files -> bronze records/s, the platform's loader against Spark INSERT ... SELECT from the "
                + "same CSV (--scale N). 'seed': each stage's time, median, min and max of M runs, each a "
                + "'seed --reset' then a 'seed' with nothing new (--scale N, --runs M, default 3; it resets what "
                + "seed made). 'rest': what the running stack costs while nobody uses it: each service's CPU over "
                + "--seconds N (default 60) and the machine's busy share.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;


    @Mixin
    StackOptions stack;

    @picocli.CommandLine.Parameters(paramLabel = "WHAT", defaultValue = "trino",
            description = "What to measure: trino, cdc, load, seed or rest (default: ${DEFAULT-VALUE}).")
    String what;

    @Option(names = "--rows", defaultValue = "1000000", description = "Rows in the table (default: ${DEFAULT-VALUE}).")
    long rows;

    @Option(names = "--events", description = "trino: aggregate the seeded bronze.events (20,000 rows per seed "
            + "scale) instead of bench.sales_<rows>.")
    boolean events;

    @Option(names = "--runs", description = "Timed runs (default: 20; seed: 3).")
    Integer runs;

    @Option(names = "--scale", description = "load: the sample scale (default: 16); seed: its --scale (default: 1).")
    Integer scale;

    @Option(names = "--seconds", defaultValue = "60", description = "rest: the window measured, in seconds "
            + "(default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!java.util.Set.of("trino", "cdc", "load", "seed", "rest").contains(what)) {
            err.println("error: unknown benchmark '" + what + "'; known: trino, cdc, load, seed, rest");
            return ExitCodes.USAGE;
        }
        if ((runs != null && runs < 1) || (scale != null && scale < 1) || seconds < 1) {
            err.println("error: --runs, --scale and --seconds must be 1 or more");
            return ExitCodes.USAGE;
        }
        if ("rest".equals(what)) {
            return rest(out, err);
        }
        StackRuntime runtime = stack.runtime();
        if ("seed".equals(what)) {
            java.util.Optional<Integer> inToolbox = Toolbox.runInside(spec, runtime);
            return inToolbox.isPresent() ? inToolbox.get() : seed(runtime, out, err);
        }
        TrinoEndpoint trino = TrinoEndpoint.of(runtime.endpoints(), "lakehouse", null);
        if ("cdc".equals(what)) {
            // the CDC path's job must run, or each change would wait out its timeout before saying so
            io.lakehouse.seed.streaming.StreamingJob job = io.lakehouse.seed.streaming.StreamingJob.CDC_TO_BRONZE;
            if (io.lakehouse.seed.streaming.FlinkJobs.forStack(runtime.endpoints(), runtime.kind(),
                    stack.layout().home(), false).active(job).isEmpty()) {
                err.println("error: bench cdc measures the streaming path, and its Flink job " + job.name()
                        + " is not running; nothing was changed");
                err.println("  fix: 'lakehouse seed' (or 'lakehouse streaming start'), then 'lakehouse bench cdc'");
                return ExitCodes.PRECONDITION;
            }
            return cdc(runtime.endpoints(), trino, out, err);
        }
        if ("load".equals(what)) {
            io.lakehouse.bench.FileLoadBenchmark.Result result = new io.lakehouse.bench.FileLoadBenchmark(
                    runtime.endpoints(), stack.layout().home(), stack.layout().stateDir().resolve("bench"), line -> {
                        err.println("  " + line);
                        err.flush();
                    }).run(scale == null ? 16 : scale);
            if (json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
            } else {
                out.printf("files -> bronze, %,d records of %s (warm runs):%n  loader %.2f s = %,.0f records/s%n"
                        + "  Spark INSERT ... SELECT from the CSV %.2f s = %,.0f records/s%n  loader/Spark speed: %.2f%n",
                        result.records(), result.file(), result.loaderSeconds(), result.loaderRecordsPerSecond(),
                        result.sparkSeconds(), result.sparkRecordsPerSecond(), result.ratio());
            }
            return ExitCodes.OK;
        }
        TrinoAggregateBenchmark benchmark = new TrinoAggregateBenchmark(trino, line -> {
            err.println("  " + line);
            err.flush();
        });
        TrinoAggregateBenchmark.Result result = events ? benchmark.runOnEvents(runs == null ? 20 : runs)
                : benchmark.run(rows, runs == null ? 20 : runs);
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
        } else {
            out.printf("Trino, %s (%,d rows): %s%n", result.table(), result.rows(), result.query());
            out.printf("median %.0f ms, p95 %.0f ms, min %.0f ms, max %.0f ms over %d runs%n",
                    result.latency().medianMillis(), result.latency().p95Millis(), result.latency().minMillis(),
                    result.latency().maxMillis(), result.latency().runs());
            out.printf("%s; splits of the last run by node: %s%n", result.workers() == 0
                    ? "the coordinator works alone" : result.workers() + " worker(s)", result.splitsByNode());
        }
        return ExitCodes.OK;
    }

    private int seed(StackRuntime runtime, PrintWriter out, PrintWriter err) throws Exception {
        ProgressLine progress = new ProgressLine(err, ProgressDisplay.isTerminal());
        SeedContext context = new SeedContext(runtime.endpoints(), runtime.kind(), stack.layout(),
                scale == null ? 1 : scale, (stage, message) -> progress.update(message));
        SeedBenchmark.Result result = new SeedBenchmark(context,
                progress::update).run(runs == null ? 3 : runs);
        progress.done();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
            return ExitCodes.OK;
        }
        out.printf("seed --scale %d, %d run(s), seconds: median (min-max)%n", result.scale(), result.runs());
        out.printf("  %-18s %-22s %s%n", "stage", "after --reset", "again, nothing new");
        for (int i = 0; i < result.cold().size(); i++) {
            SeedBenchmark.StageTimes cold = result.cold().get(i);
            SeedBenchmark.StageTimes warm = result.warm().stream()
                    .filter(t -> t.stage().equals(cold.stage())).findFirst().orElse(null);
            out.printf("  %-18s %-22s %s%n", cold.stage(), figure(cold), warm == null ? "-" : figure(warm));
        }
        return ExitCodes.OK;
    }

    /** The running stack's services at rest: each one's CPU over the window, read from the host. */
    private int rest(PrintWriter out, PrintWriter err) throws Exception {
        io.lakehouse.stack.ServiceCatalog catalog = stack.catalog();
        StackRuntime runtime = stack.runtime(catalog);
        List<ServiceStatus> running = runtime.status(catalog.all()).stream()
                .filter(s -> s.state() == ServiceState.HEALTHY || s.state() == ServiceState.UNHEALTHY).toList();
        if (running.isEmpty()) {
            err.println("error: no service of this stack runs, so there is nothing at rest to measure");
            err.println("  fix: 'lakehouse up' (and 'lakehouse seed', whose streaming jobs run from then on), then "
                    + "'lakehouse bench rest'");
            return ExitCodes.PRECONDITION;
        }
        ProgressLine progress = new ProgressLine(err, ProgressDisplay.isTerminal());
        RestBenchmark.Result result;
        if (runtime.kind() == io.lakehouse.runtime.RuntimeKind.LOCAL) {
            result = new RestBenchmark(new ProcessTreeCpu(), progress::update)
                    .run(running, java.time.Duration.ofSeconds(seconds));
        } else {
            try (com.github.dockerjava.api.DockerClient client = io.lakehouse.runtime.docker.DockerEngine.client()) {
                result = new RestBenchmark(new ContainerCpu(client), progress::update)
                        .run(running, java.time.Duration.ofSeconds(seconds));
            }
        }
        progress.done();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
            return ExitCodes.OK;
        }
        out.printf("The stack at rest over %.1f s (%d service(s) running, %d cores):%n", result.seconds(),
                running.size(), result.cores());
        if (result.machineBusyShare() != null) {
            out.printf("  %-20s %5.1f %% of the machine%n", "machine busy", result.machineBusyShare() * 100);
        }
        out.printf("  %-20s %5.1f %% of the machine (%.1f CPU s)%n", "the stack's services",
                result.stackShareOfMachine() * 100, result.stackCpuSeconds());
        out.printf("  %-20s %8s %9s%n", "service", "CPU s", "one core");
        for (RestBenchmark.ServiceCpu service : result.services()) {
            out.printf("  %-20s %8.2f %8.1f %%%n", service.service(), service.cpuSeconds(),
                    service.shareOfOneCore() * 100);
        }
        if (!result.notMeasured().isEmpty()) {
            out.println("  not measured (unreadable, or stopped meanwhile): " + String.join(", ", result.notMeasured()));
        }
        return ExitCodes.OK;
    }

    private static String figure(SeedBenchmark.StageTimes times) {
        return String.format("%.1f (%.1f-%.1f)", times.medianSeconds(), times.minSeconds(), times.maxSeconds());
    }

    private int cdc(io.lakehouse.stack.ProbeTarget stack, TrinoEndpoint trino, PrintWriter out, PrintWriter err)
            throws Exception {
        try (java.sql.Connection mysql = io.lakehouse.seed.ShopDatabase.connect(stack)) {
            io.lakehouse.bench.LatencySummary latency = new io.lakehouse.bench.CdcFreshnessBenchmark(mysql, trino,
                    line -> {
                        err.println("  " + line);
                        err.flush();
                    }).run(runs == null ? 20 : runs);
            if (json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(latency));
            } else {
                out.printf("CDC freshness (MySQL commit -> visible in Trino over bronze.orders): median %.0f ms, "
                        + "p95 %.0f ms, min %.0f ms, max %.0f ms over %d changes%n", latency.medianMillis(),
                        latency.p95Millis(), latency.minMillis(), latency.maxMillis(), latency.runs());
            }
        }
        return ExitCodes.OK;
    }
}
