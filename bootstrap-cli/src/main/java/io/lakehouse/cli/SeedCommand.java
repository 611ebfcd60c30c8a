package io.lakehouse.cli;

import io.lakehouse.cli.render.ProgressLine;
import io.lakehouse.cli.render.ProgressDisplay;
import io.lakehouse.cli.render.StageLines;
import io.lakehouse.runtime.ServiceWatch;
import io.lakehouse.runtime.StackRuntime;
import io.lakehouse.seed.Seed;
import io.lakehouse.seed.SeedContext;
import io.lakehouse.seed.SeedReset;
import io.lakehouse.seed.StageResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code lakehouse seed}: the demo shop, end to end, into the running stack. */
@Command(name = "seed", mixinStandardHelpOptions = true,
        description = "Fill the running stack with the demo shop: flat files into bronze (bad records quarantined), "
                + "the shop's MySQL database and its changes, the event stream, then Spark's batch jobs build silver and gold "
                + "from bronze (MERGE INTO). Restartable: running it again "
                + "ends with the same rows.")
final class SeedCommand implements Callable<Integer> {
    private static final String RESUME = "'lakehouse seed' resumes (what finished stays)";

    @Spec
    CommandSpec spec;


    @Mixin
    StackOptions stack;

    @Option(names = "--scale", defaultValue = "1",
            description = "N times the sample volume, generated deterministically (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--reset", description = "Remove what seed made (streaming jobs, the shop's MySQL tables, its "
            + "topics, bronze seed tables, silver and gold, serving rows), then seed from scratch.")
    boolean reset;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        io.lakehouse.stack.ServiceCatalog catalog = stack.catalog();
        StackRuntime runtime = stack.runtime(catalog);
        // on the host, before anything changes (inside the toolbox the host asked already, and has no engine there)
        if (!Toolbox.insideTheStack(runtime)) {
            List<String> notHealthy = Seed.notHealthy(runtime, catalog);
            if (!notHealthy.isEmpty()) {
                err.println("error: seed needs the pipeline running and healthy; not so: "
                        + String.join(", ", notHealthy));
                err.println("  fix: './lakehouse up', then 'lakehouse seed' again (it resumes); nothing was changed");
                return ExitCodes.PRECONDITION;
            }
        }
        Optional<Integer> inToolbox = Toolbox.runInside(spec, runtime);
        if (inToolbox.isPresent()) {
            return inToolbox.get();
        }
        ProgressLine progress = new ProgressLine(err, ProgressDisplay.isTerminal());
        StageLines stages = new StageLines(progress);
        SeedContext context = new SeedContext(runtime.endpoints(), runtime.kind(), stack.layout(), scale, stages);
        long began = System.nanoTime();
        // the services seed works with, watched while it runs: one that dies or hangs is named with its log
        WatchedWork watch = new WatchedWork(runtime, catalog, Seed.SERVICES);
        if (reset) {
            progress.println("[reset]");
            try {
                watch.run(() -> {
                    new SeedReset().run(context);
                    return null;
                });
            } catch (ServiceWatch.ServiceDownException down) {
                progress.done();
                return WatchedWork.report(err, "seed --reset", down, RESUME);
            } catch (Exception e) {
                err.println("error: seed --reset failed: " + e.getMessage());
                return ExitCodes.FAILURE;
            }
        }
        List<StageResult> results;
        try {
            results = watch.run(() -> Seed.standard().run(context, stages));
        } catch (ServiceWatch.ServiceDownException down) {
            progress.done();
            return WatchedWork.report(err, stages.where(), down, RESUME);
        } catch (Seed.SeedException e) {
            progress.println("error: " + e.getMessage());
            err.println("  what finished stays; fix the cause and run 'lakehouse seed' again (it resumes)");
            return ExitCodes.FAILURE;
        }
        out.printf("%nSeeded scale %d in %.1f s:%n", scale, (System.nanoTime() - began) / 1e9);
        for (StageResult result : results) {
            out.printf("  %-16s %s%n", result.stage(), result.summary());
        }
        out.println();
        out.println("Try: ./lakehouse sql -e \"SELECT country, count(*) AS customers FROM lakehouse.bronze.customers "
                + "GROUP BY country ORDER BY 2 DESC LIMIT 5\"");
        out.println("     ./lakehouse sql -e \"SELECT reason, count(*) FROM lakehouse.bronze.quarantine GROUP BY reason\"");
        return ExitCodes.OK;
    }
}
