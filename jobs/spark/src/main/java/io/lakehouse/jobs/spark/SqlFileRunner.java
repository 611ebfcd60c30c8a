package io.lakehouse.jobs.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.connect.SparkSession;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs SQL files statement by statement on a Spark Connect server:
 * {@code SqlFileRunner sc://host:port FILE...}. Prints one progress line per statement on stdout (file, number,
 * what it does, elapsed time and, for MERGE and INSERT, the rows it changed); on the first failing statement prints
 * {@code error: FILE statement N (WHAT): SPARK'S MESSAGE} on stderr and exits 1. Exit 2 is a usage error.
 *
 * <p>Spark 4.0's Connect server answers MERGE and INSERT with no row counts of its own, so the rows changed come
 * from the snapshot the statement committed to the Iceberg table (its summary: added-records, deleted-records,
 * added-data-files); "no new snapshot" means the statement changed nothing.
 */
public final class SqlFileRunner {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    private static final List<String> SPARK_ROW_COUNTS = List.of("num_affected_rows", "num_inserted_rows",
            "num_updated_rows", "num_deleted_rows");

    private final SparkSession spark;
    private final PrintStream out;

    SqlFileRunner(SparkSession spark, PrintStream out) {
        this.spark = spark;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 2 || !args[0].startsWith("sc://")) {
            err.println("usage: SqlFileRunner sc://HOST:PORT FILE.sql... (got " + Arrays.toString(args) + ")");
            return USAGE;
        }
        List<SqlStatement> statements = new ArrayList<>();
        for (String file : Arrays.asList(args).subList(1, args.length)) {
            try {
                Path path = Path.of(file);
                statements.addAll(SqlScript.statements(path.getFileName().toString(),
                        Files.readString(path, StandardCharsets.UTF_8)));
            } catch (NoSuchFileException e) {
                err.println("error: no SQL file " + file);
                return USAGE;
            } catch (IOException | IllegalArgumentException e) {
                err.println("error: cannot read " + file + ": " + e.getMessage());
                return USAGE;
            }
        }
        long began = System.nanoTime();
        SparkSession spark;
        try {
            spark = SparkSession.builder().remote(args[0]).getOrCreate();
        } catch (Exception e) {
            err.println("error: cannot open a Spark Connect session at " + args[0] + ": " + firstLines(e));
            return FAILED;
        }
        try {
            SqlFileRunner runner = new SqlFileRunner(spark, out);
            for (SqlStatement statement : statements) {
                try {
                    runner.execute(statement);
                } catch (Exception e) {  // Spark's AnalysisException is a checked exception to Java
                    err.println("error: " + statement.where() + ": " + firstLines(e));
                    return FAILED;
                }
            }
        } finally {
            spark.close();
        }
        out.printf("done: %d statements from %d file(s) in %.1f s%n", statements.size(), args.length - 1,
                seconds(began));
        return OK;
    }

    void execute(SqlStatement statement) {
        Optional<String> table = statement.writtenTable();
        Optional<Long> before = table.flatMap(this::currentSnapshot);
        long began = System.nanoTime();
        List<Row> result = spark.sql(statement.text()).collectAsList();
        double seconds = seconds(began);
        String rows = table.map(t -> sparkRowCounts(result).orElseGet(() -> snapshotChange(t, before)))
                .map(s -> ", " + s).orElse("");
        out.printf("%s %d %s: %.1f s%s%n", statement.file(), statement.number(), statement.label(), seconds, rows);
        out.flush();
    }

    private Optional<String> sparkRowCounts(List<Row> result) {
        if (result.size() != 1) {
            return Optional.empty();
        }
        Row row = result.get(0);
        List<String> counts = new ArrayList<>();
        for (String field : row.schema().fieldNames()) {
            if (SPARK_ROW_COUNTS.contains(field)) {
                counts.add(field.substring("num_".length()).replace('_', ' ') + " " + row.getAs(field));
            }
        }
        return counts.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", counts));
    }

    private Optional<Long> currentSnapshot(String table) {
        try {
            List<Row> rows = spark.sql("SELECT snapshot_id FROM " + table + ".snapshots ORDER BY committed_at DESC "
                    + "LIMIT 1").collectAsList();
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0).getLong(0));
        } catch (Exception notIceberg) {
            return Optional.empty();
        }
    }

    private String snapshotChange(String table, Optional<Long> before) {
        List<Row> rows;
        try {
            rows = spark.sql("SELECT snapshot_id, operation, summary FROM " + table + ".snapshots "
                    + "ORDER BY committed_at DESC LIMIT 1").collectAsList();
        } catch (Exception notIceberg) {
            return "rows not reported";
        }
        if (rows.isEmpty() || before.map(id -> id == rows.get(0).getLong(0)).orElse(false)) {
            return "no change (no new snapshot)";
        }
        Map<String, String> summary = rows.get(0).getJavaMap(2);
        return String.format("%s: %s rows added, %s deleted, %s data files added", rows.get(0).getString(1),
                summary.getOrDefault("added-records", "0"), summary.getOrDefault("deleted-records", "0"),
                summary.getOrDefault("added-data-files", "0"));
    }

    /** Spark's message without the query plan it appends: the lines before the first plan line. */
    static String firstLines(Throwable error) {
        String message = error.getMessage() == null ? error.getClass().getName() : error.getMessage();
        List<String> kept = new ArrayList<>();
        for (String line : message.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("'") || trimmed.startsWith("+-") || trimmed.startsWith(":-")
                    || trimmed.startsWith("==") || kept.size() == 5) {
                break;
            }
            if (!trimmed.isEmpty()) {
                kept.add(trimmed);
            }
        }
        return kept.isEmpty() ? message.strip() : String.join(" ", kept);
    }

    private static double seconds(long began) {
        return (System.nanoTime() - began) / 1e9;
    }
}
