package io.lakehouse.seed.stages;

import io.lakehouse.seed.SeedContext;
import io.lakehouse.seed.SeedStage;
import io.lakehouse.seed.StageResult;
import io.lakehouse.seed.spark.LastTransform;
import io.lakehouse.seed.spark.SparkSqlRunner;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * bronze -> silver -> gold: the batch SQL of {@code jobs/spark/sql} (silver.sql, then gold.sql) run on the
 * platform's Spark cluster through Spark Connect ({@link SparkSqlRunner}). Every table is a MERGE of only what
 * changed, so running the stage again changes nothing. The runner's lines become this stage's progress. When
 * nothing changed since the last complete run ({@link LastTransform}: the same SQL and runner, bronze, silver and gold
 * at the snapshots it left), the runner is not started at all.
 */
public final class SparkTransformStage implements SeedStage {
    static final List<String> SQL_FILES = List.of("silver.sql", "gold.sql");
    private static final Pattern ROWS_ADDED = Pattern.compile(": (\\d+) rows added, (\\d+) deleted");

    @Override
    public String name() {
        return "silver + gold";
    }

    @Override
    public StageResult run(SeedContext context) throws Exception {
        long began = System.nanoTime();
        SparkSqlRunner spark = new SparkSqlRunner(context.home(), context.stack());
        List<Path> files = SQL_FILES.stream().map(spark::sqlFile).toList();
        LastTransform previous = new LastTransform(context.catalog());
        String inputs = previous.inputs(files, spark.build());
        if (previous.unchangedSince(inputs)) {
            return new StageResult(name(), "nothing new since the last run (the same SQL and Spark jobs, bronze, "
                    + "silver and gold at the snapshots it left): no Spark statement started", 0,
                    (System.nanoTime() - began) / 1e9);
        }
        long[] rows = new long[2];
        String[] last = {""};
        spark.run(files, line -> {
            context.progress().update(name(), line);
            Matcher counted = ROWS_ADDED.matcher(line);
            if (counted.find()) {
                rows[0] += Long.parseLong(counted.group(1));
                rows[1] += Long.parseLong(counted.group(2));
            }
            last[0] = line;
        });
        String recorded = "";
        try {
            previous.record(inputs);
        } catch (RuntimeException notRecorded) {   // the run is done; only the next seed's shortcut is lost
            recorded = "; not recorded for the next seed (" + notRecorded.getMessage() + "): it runs the stage";
        }
        String summary = String.format("silver and gold merged: %,d rows written, %,d removed (%s)%s", rows[0],
                rows[1], last[0].replaceFirst("^done: ", ""), recorded);
        return new StageResult(name(), summary, rows[0], (System.nanoTime() - began) / 1e9);
    }
}
