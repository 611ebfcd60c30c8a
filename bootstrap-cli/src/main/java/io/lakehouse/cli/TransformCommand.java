package io.lakehouse.cli;

import io.lakehouse.runtime.StackRuntime;
import io.lakehouse.seed.spark.SparkSqlRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code lakehouse transform [silver] [gold]}: the Spark batch SQL of {@code jobs/spark/sql} on the cluster, through
 * Spark Connect, one line per statement; what {@code seed}'s "silver + gold" stage and the Airflow DAG run.
 */
@Command(name = "transform", mixinStandardHelpOptions = true,
        description = "Run the Spark batch jobs on the running stack: silver (bronze -> silver), gold (silver -> "
                + "gold); both, in that order, when none is named. Each table is a MERGE of only what changed, so "
                + "a re-run commits nothing new. Exit 1 naming the failing statement.")
final class TransformCommand implements Callable<Integer> {
    enum Layer { silver, gold }

    @Spec
    CommandSpec spec;


    @Mixin
    StackOptions stack;

    @Parameters(arity = "0..2", paramLabel = "LAYER", description = "silver, gold (default: both)")
    List<Layer> layers = List.of(Layer.silver, Layer.gold);

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        StackRuntime runtime = stack.runtime();
        Optional<Integer> inToolbox = Toolbox.runInside(spec, runtime);
        if (inToolbox.isPresent()) {
            return inToolbox.get();
        }
        SparkSqlRunner spark = new SparkSqlRunner(stack.layout().home(), runtime.endpoints());
        List<Path> files = layers.stream().sorted().distinct().map(layer -> spark.sqlFile(layer + ".sql")).toList();
        long began = System.nanoTime();
        try {
            new WatchedWork(runtime, List.of("spark-connect")).run(() -> {
                spark.run(files, line -> {
                    out.println(line);
                    out.flush();
                });
                return null;
            });
        } catch (io.lakehouse.runtime.ServiceWatch.ServiceDownException down) {
            return WatchedWork.report(spec.commandLine().getErr(), "transform", down,
                    "'lakehouse transform' again (a MERGE that committed is not done twice)");
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("transform failed: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        out.printf("Transformed %s in %.1f s.%n", String.join(" + ",
                layers.stream().sorted().distinct().map(Enum::name).toList()), (System.nanoTime() - began) / 1e9);
        return ExitCodes.OK;
    }
}
