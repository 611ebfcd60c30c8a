package io.lakehouse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lakehouse.bench.TrinoAggregateBenchmark;
import io.lakehouse.runtime.StackRuntime;
import io.lakehouse.sql.TrinoEndpoint;
import io.lakehouse.stack.ServiceCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code lakehouse bench trino}: the latency of an aggregate over an N-row Iceberg table, median of M runs. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the running stack. 'trino': an aggregate over an N-row Iceberg table "
                + "(made once as lakehouse.bench.sales_N), median and p95 of M runs after a warm-up. "
                + "'cdc': freshness of M changes from a MySQL commit to visible in Trino (needs a seeded stack). "
                + "'load': files -> bronze records/s, the platform's loader against Spark INSERT ... SELECT from the "
                + "same CSV (--scale N).")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @ParentCommand
    LakehouseCommand parent;

    @Mixin
    CommonOptions common;

    @Mixin
    RuntimeChoice runtimeChoice;

    @picocli.CommandLine.Parameters(paramLabel = "WHAT", defaultValue = "trino",
            description = "What to measure: trino, cdc or load (default: ${DEFAULT-VALUE}).")
    String what;

    @Option(names = "--rows", defaultValue = "1000000", description = "Rows in the table (default: ${DEFAULT-VALUE}).")
    long rows;

    @Option(names = "--runs", defaultValue = "20", description = "Timed runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--scale", defaultValue = "16", description = "load: the sample scale (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!java.util.Set.of("trino", "cdc", "load").contains(what)) {
            err.println("error: unknown benchmark '" + what + "'; known: trino, cdc, load");
            return ExitCodes.USAGE;
        }
        StackRuntime runtime = runtimeChoice.forExisting(common.layout(), ServiceCatalog.standard(), parent.environment);
        TrinoEndpoint trino = TrinoEndpoint.of(runtime.endpoints(), "lakehouse", null);
        if ("cdc".equals(what)) {
            return cdc(runtime.endpoints(), trino, out, err);
        }
        if ("load".equals(what)) {
            io.lakehouse.bench.FileLoadBenchmark.Result result = new io.lakehouse.bench.FileLoadBenchmark(
                    runtime.endpoints(), common.layout().home(), common.layout().stateDir().resolve("bench"), line -> {
                        err.println("  " + line);
                        err.flush();
                    }).run(scale);
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
        TrinoAggregateBenchmark.Result result = new TrinoAggregateBenchmark(trino, line -> {
            err.println("  " + line);
            err.flush();
        }).run(rows, runs);
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
        } else {
            out.printf("Trino, %s (%,d rows): %s%n", result.table(), result.rows(), result.query());
            out.printf("median %.0f ms, p95 %.0f ms, min %.0f ms, max %.0f ms over %d runs%n",
                    result.latency().medianMillis(), result.latency().p95Millis(), result.latency().minMillis(),
                    result.latency().maxMillis(), result.latency().runs());
        }
        return ExitCodes.OK;
    }

    private int cdc(io.lakehouse.stack.ProbeTarget stack, TrinoEndpoint trino, PrintWriter out, PrintWriter err)
            throws Exception {
        try (java.sql.Connection mysql = io.lakehouse.seed.ShopDatabase.connect(stack)) {
            io.lakehouse.bench.LatencySummary latency = new io.lakehouse.bench.CdcFreshnessBenchmark(mysql, trino,
                    line -> {
                        err.println("  " + line);
                        err.flush();
                    }).run(runs);
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
