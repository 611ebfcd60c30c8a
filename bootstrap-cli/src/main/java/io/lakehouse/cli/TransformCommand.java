package io.lakehouse.cli;

import io.lakehouse.runtime.StackRuntime;
import io.lakehouse.seed.spark.SparkSqlRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code lakehouse transform [silver] [gold]}: the Spark batch SQL of {@code jobs/spark/sql} on the cluster, through
 * Spark Connect, one line per statement; what {@code seed}'s "silver + gold" stage and the Airflow DAG run.
 */
@Command(name = "transform", mixinStandardHelpOptions = true,
        description = "Run the Spark batch jobs on the running stack: silver (bronze -> silver), gold (silver -> "
                + "gold); both, in that order, when none is named. Each table is a MERGE of only what changed, so "
                + "a re-run commits nothing new. Exit 1 naming the failing statement.")
final class TransformCommand extends InStackCommand {
    enum Layer { silver, gold }

    @Parameters(arity = "0..2", paramLabel = "LAYER", description = "silver, gold (default: both)")
    List<Layer> layers = List.of(Layer.silver, Layer.gold);

    @Override
    protected int run(StackRuntime runtime, PrintWriter out) throws Exception {
        SparkSqlRunner spark = new SparkSqlRunner(stack.layout().home(), runtime.endpoints());
        List<Path> files = layers.stream().sorted().distinct().map(layer -> spark.sqlFile(layer + ".sql")).toList();
        long began = System.nanoTime();
        try {
            new WatchedWork(runtime, stack.catalog(), List.of("spark-connect")).run(() -> {
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
