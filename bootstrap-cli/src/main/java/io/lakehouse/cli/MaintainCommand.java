package io.lakehouse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lakehouse.cli.render.TextTable;
import io.lakehouse.maintenance.BronzeCompaction;
import io.lakehouse.maintenance.Compaction;
import io.lakehouse.runtime.ServiceWatch;
import io.lakehouse.runtime.StackRuntime;
import io.lakehouse.seed.streaming.StreamingJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;

/**
 * {@code lakehouse maintain}: compacts the bronze tables the streaming jobs write (their small files and the
 * delete files of upserts), beside the running jobs; what the Airflow DAG runs before the Spark stage.
 */
@Command(name = "maintain", mixinStandardHelpOptions = true,
        description = "Compact the bronze tables the streaming jobs write: each checkpoint commits small files (and, "
                + "for the CDC tables, delete files every reader applies); Iceberg's rewrite_data_files on Spark "
                + "rewrites them into few, while the jobs keep running. No value changes. Exit 1 naming the "
                + "failing table.")
final class MaintainCommand extends InStackCommand {
    @Option(names = "--json", description = "Print each table's files before and after as JSON.")
    boolean json;

    @Override
    protected int run(StackRuntime runtime, PrintWriter out) throws Exception {
        BronzeCompaction compaction = new BronzeCompaction(stack.layout().home(), runtime.endpoints());
        List<String> tables = StreamingJob.allBronzeTables();
        long began = System.nanoTime();
        List<Compaction> done;
        try {
            done = new WatchedWork(runtime, stack.catalog(), List.of("spark-connect", "trino", "hive-metastore")).run(() ->
                    compaction.run(tables, line -> {
                        if (!json) {
                            out.println(line);
                            out.flush();
                        }
                    }));
        } catch (ServiceWatch.ServiceDownException down) {
            return WatchedWork.report(spec.commandLine().getErr(), "maintain", down,
                    "'lakehouse maintain' again (a rewrite either committed whole or not at all)");
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("maintain failed: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(done));
            return ExitCodes.OK;
        }
        TextTable table = new TextTable("TABLE", "DATA FILES", "EQUALITY DELETES", "OF THEM APPLYING",
                "POSITION DELETES");
        for (Compaction c : done) {
            table.row(c.table(), c.before().dataFiles() + " -> " + c.after().dataFiles(),
                    c.before().equalityDeletes() + " -> " + c.after().equalityDeletes(),
                    c.before().applyingEqualityDeletes() + " -> " + c.after().applyingEqualityDeletes(),
                    c.before().positionDeletes() + " -> " + c.after().positionDeletes());
        }
        out.print(table.render());
        out.printf("Compacted %d table(s) in %.1f s.%n", done.size(), (System.nanoTime() - began) / 1e9);
        return ExitCodes.OK;
    }
}
