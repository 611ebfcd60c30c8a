package io.lakehouse.jobs.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.connect.DataFrameWriterV2;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.connect.SparkSession;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs SQL files on a Spark Connect server: {@code SqlFileRunner sc://host:port [--parallel=N] FILE...}. The
 * statements keep the order they depend on ({@link StatementPlan}: a MERGE after the view and the tables it reads);
 * statements that do not depend on each other run at once, up to N (default {@value #DEFAULT_PARALLELISM}) on the one
 * session. Prints one progress line per statement on stdout as it finishes (file, number,
 * what it does, elapsed time and, for MERGE and INSERT, the rows it changed); on the first failing statement prints
 * {@code error: FILE statement N (WHAT): SPARK'S MESSAGE} on stderr and exits 1. Exit 2 is a usage error.
 *
 * <p>Spark 4.0's Connect server answers MERGE and INSERT with no row counts of its own, so the rows changed come
 * from the snapshot the statement committed to the Iceberg table (its summary: added-records, deleted-records,
 * added-data-files); "no new snapshot" means the statement changed nothing.
 *
 * <p>Work already done is not done again. {@code CREATE TABLE IF NOT EXISTS} of a table that exists is skipped. A
 * MERGE records, in its target's properties ({@link TableState}), what it read (its text, the views and settings behind
 * it: {@link MergeLineage}), each input table's snapshot and the target's snapshot after it; when all of these are
 * the same the next time, the MERGE is skipped, since it would change nothing. Anything else (a new snapshot of an
 * input, a write to the target by anyone, an edited script) runs it. A compaction ({@code rewrite_data_files})
 * changes no row, so after one the runner records that the table's rows are as before it: its readers are not run
 * again for it. A temporary view is made only when a statement
 * that reads it runs ({@link DeferredViews}): with nothing new, none is.
 */
public final class SqlFileRunner {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    private static final List<String> SPARK_ROW_COUNTS = List.of("num_affected_rows", "num_inserted_rows",
            "num_updated_rows", "num_deleted_rows");
    private static final String CATALOG = "lakehouse";
    /** Iceberg's Spark write options (SparkWriteOptions) that make an overwrite fail on data committed meanwhile. */
    private static final String ISOLATION_LEVEL = "isolation-level";
    private static final String VALIDATE_FROM_SNAPSHOT = "validate-from-snapshot-id";
    private static final Pattern PARALLEL = Pattern.compile("--parallel=(\\d+)");
    /**
     * Statements run at once by default. Silver and gold cold at scale 1 on 2 cores took 52-59 s one at a time,
     * 22-27 s four at once and 19 s eight at once: most of a statement's time is round trips, not Spark's work.
     */
    static final int DEFAULT_PARALLELISM = 8;

    private final SparkSession spark;
    private final PrintStream out;
    private final AtomicInteger skipped = new AtomicInteger();
    private final DeferredViews views;

    SqlFileRunner(SparkSession spark, PrintStream out) {
        this.spark = spark;
        this.out = out;
        this.views = new DeferredViews(this::makeView);
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> files = new ArrayList<>();
        int parallelism = DEFAULT_PARALLELISM;
        for (String arg : Arrays.asList(args).subList(Math.min(1, args.length), args.length)) {
            Matcher parallel = PARALLEL.matcher(arg);
            if (parallel.matches() && Integer.parseInt(parallel.group(1)) >= 1) {
                parallelism = Integer.parseInt(parallel.group(1));
            } else if (arg.startsWith("--")) {
                files.clear();
                break;
            } else {
                files.add(arg);
            }
        }
        if (files.isEmpty() || !args[0].startsWith("sc://")) {
            err.println("usage: SqlFileRunner sc://HOST:PORT [--parallel=N] FILE.sql... (got "
                    + Arrays.toString(args) + ")");
            return USAGE;
        }
        List<SqlStatement> statements = new ArrayList<>();
        for (String file : files) {
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
            Optional<StatementScheduler.Failure> failure = new StatementScheduler(parallelism)
                    .run(StatementPlan.of(statements, CATALOG), runner::run);
            if (failure.isPresent()) {
                err.println("error: " + failure.get().statement().where() + ": " + firstLines(failure.get().error()));
                return FAILED;
            }
            out.printf("done: %d statements from %d file(s) in %.1f s (%d skipped: nothing new to them; %d "
                            + "view(s) not made: nothing that reads them ran; up to %d at once)%n",
                    statements.size(), files.size(), seconds(began), runner.skipped.get(), runner.views.neverMade(),
                    parallelism);
        } finally {
            spark.close();
        }
        return OK;
    }

    /**
     * Runs a statement, unless it is work already done (see the class comment); a temporary view is made only once a
     * statement that reads it runs ({@link DeferredViews}).
     */
    void run(StatementPlan.Step step) throws Exception {
        if (views.defer(step)) {
            return;
        }
        SqlStatement statement = step.statement();
        long began = System.nanoTime();
        Optional<String> created = StatementPlan.tableCreatedIfMissing(statement);
        if (created.isPresent() && state(created.get()).isPresent()) {
            skip(statement, "the table exists", began);
            return;
        }
        Optional<String> target = statement.writtenTable();
        if (target.isEmpty() || !StatementPlan.isMerge(statement)) {
            views.makeFor(step);
            execute(statement, target.flatMap(this::state));
            statement.rewrittenTable().ifPresent(this::keepDataVersion);
            return;
        }
        Optional<String> read = step.inputs().map(this::versionsOf);
        Optional<TableState> before = state(target.get());
        if (read.isPresent() && before.isPresent()
                && before.get().lineage().equals(read.get() + ";" + before.get().snapshot())) {
            skip(statement, "no input has changed since its last merge", began);
            return;
        }
        views.makeFor(step);
        Written written = intoEmpty(statement, target.get(), before).orElseGet(() -> execute(statement, before));
        Optional<TableState> after = written.after();
        if (read.isPresent() && after.isPresent()) {
            // a MERGE that changed no row keeps the version its readers saw; an unknown change counts as one
            boolean changedRows = written.commit().map(Commit::changedRows)
                    .orElseGet(() -> before.isEmpty() || !before.get().snapshot().equals(after.get().snapshot()));
            String dataVersion = changedRows ? after.get().snapshot() : before.get().dataVersion();
            spark.sql("ALTER TABLE " + target.get() + " SET TBLPROPERTIES ('" + TableState.LINEAGE + "' = '"
                    + read.get() + ";" + after.get().snapshot() + "', '" + TableState.DATA_VERSION + "' = '"
                    + dataVersion + "@" + after.get().snapshot() + "')").collectAsList();
        }
    }

    /**
     * After a compaction of {@code table}: records that its rows are still those of the snapshot before the rewrites
     * ({@link TableState#dataVersionThroughRewrites}), so that a MERGE reading it is skipped when nothing else came
     * in. A writer that commits meanwhile makes the record stale at once (it names the snapshot it was made at), so
     * its rows count as new. When the record cannot be made, the readers run again: slower, never wrong.
     */
    private void keepDataVersion(String table) {
        try {
            Optional<TableState> state = state(table);
            if (state.isEmpty() || state.get().snapshot().equals(TableState.NO_SNAPSHOT)) {
                return;
            }
            Map<String, TableState.Snapshot> history = new HashMap<>();
            for (Row row : spark.sql("SELECT snapshot_id, parent_id, operation FROM " + table + ".snapshots")
                    .collectAsList()) {
                history.put(Long.toString(row.getLong(0)), new TableState.Snapshot(
                        row.isNullAt(1) ? TableState.NO_SNAPSHOT : Long.toString(row.getLong(1)),
                        row.isNullAt(2) ? "" : row.getString(2)));
            }
            Optional<String> kept = state.get().dataVersionThroughRewrites(history);
            if (kept.isEmpty() || kept.get().equals(state.get().properties().get(TableState.DATA_VERSION))) {
                return;
            }
            spark.sql("ALTER TABLE " + table + " SET TBLPROPERTIES ('" + TableState.DATA_VERSION + "' = '"
                    + kept.get() + "')").collectAsList();
            out.printf("%s: rewritten with no row changed: its readers still see the rows of snapshot %s%n", table,
                    kept.get().substring(0, kept.get().indexOf('@')));
        } catch (Exception failed) {   // Spark's errors are checked to Java, so caught as Exception
            out.printf("%s: its data version after the rewrite was not recorded (%s): the MERGEs that read it will "
                    + "run again%n", table, firstLines(failed));
        }
        out.flush();
    }

    /** Makes a deferred view, its line saying for which statement. */
    private void makeView(StatementPlan.Step view, StatementPlan.Step reader) {
        SqlStatement statement = view.statement();
        try {
            execute(statement, Optional.empty(), () -> spark.sql(statement.text()).collectAsList(),
                    " (made for " + reader.statement().file() + " " + reader.statement().number() + ", which reads it)");
        } catch (Exception failed) {   // Spark's AnalysisException is checked to Java, so caught as Exception
            throw new IllegalStateException("making the view of " + statement.where() + " failed: "
                    + firstLines(failed), failed);
        }
    }

    /**
     * A MERGE into a table that holds no row, run as the write it amounts to ({@link MergeIntoEmpty}): its rows in one
     * overwrite of the table that Iceberg commits only if no data came into the table since the snapshot seen
     * empty (serializable isolation from that snapshot), so a writer in between makes it fail, never doubles a row.
     * Empty (the runner runs the MERGE as written) when the statement is not of a shape taken, the table holds rows,
     * or the write failed; a MERGE after a write that did commit changes nothing, since its source is the change set.
     */
    private Optional<Written> intoEmpty(SqlStatement statement, String table, Optional<TableState> before) {
        Optional<MergeIntoEmpty> insert = MergeIntoEmpty.of(statement.text());
        if (insert.isEmpty() || before.isEmpty() || !holdsNoRow(table, before.get())) {
            return Optional.empty();
        }
        String snapshot = before.get().snapshot();
        try {
            return Optional.of(execute(statement, before, () -> {
                DataFrameWriterV2<Row> write = spark.sql(insert.get().select(List.of(spark.table(table).columns())))
                        .writeTo(table).option(ISOLATION_LEVEL, "serializable");
                if (!snapshot.equals(TableState.NO_SNAPSHOT)) {
                    write = write.option(VALIDATE_FROM_SNAPSHOT, snapshot);
                }
                write.overwrite(functions.lit(true));
                return List.of();
            }, " (the table was empty: its rows written in one commit)"));
        } catch (Exception failed) {   // Spark's errors are checked to Java, so caught as Exception
            out.printf("%s %d %s: writing the empty table at once failed (%s); running the MERGE%n", statement.file(),
                    statement.number(), statement.label(), firstLines(failed));
            out.flush();
            return Optional.empty();
        }
    }

    /** Whether a table holds no row: no snapshot yet, or a current snapshot with no data file and no delete file. */
    private boolean holdsNoRow(String table, TableState state) {
        if (state.snapshot().equals(TableState.NO_SNAPSHOT)) {
            return true;
        }
        List<Row> rows = spark.sql("SELECT summary['total-data-files'], summary['total-delete-files'] FROM " + table
                + ".snapshots WHERE snapshot_id = " + Long.parseLong(state.snapshot())).collectAsList();
        return rows.size() == 1 && "0".equals(rows.get(0).getString(0)) && "0".equals(rows.get(0).getString(1));
    }

    private void skip(SqlStatement statement, String why, long began) {
        skipped.incrementAndGet();
        out.printf("%s %d %s: %.1f s, skipped: %s%n", statement.file(), statement.number(), statement.label(),
                seconds(began), why);
        out.flush();
    }

    /** "digest;input@version,...": what a MERGE reads, as of now (a missing table reads as "missing"). */
    private String versionsOf(MergeLineage.Inputs inputs) {
        StringBuilder text = new StringBuilder(inputs.textDigest()).append(';');
        for (String table : inputs.tables()) {
            text.append(table).append('@').append(state(table).map(TableState::dataVersion).orElse("missing"))
                    .append(',');
        }
        return text.toString();
    }

    /** An Iceberg table's current snapshot and properties; empty when there is no such table. */
    private Optional<TableState> state(String table) {
        try {
            Map<String, String> properties = new HashMap<>();
            for (Row row : spark.sql("SHOW TBLPROPERTIES " + table).collectAsList()) {
                properties.put(row.getString(0), row.getString(1));
            }
            return Optional.of(TableState.of(properties));
        } catch (Exception noSuchTable) {   // checked to Java (AnalysisException), so caught as Exception
            return Optional.empty();
        }
    }

    /** What a statement did to the table it writes: the table's state after it, and the snapshot it committed. */
    private record Written(Optional<TableState> after, Optional<Commit> commit) {
    }

    /**
     * Runs a statement and prints its line. For a write, {@code before} is its table's state before it (read once
     * by the caller), and the result holds the state after it and the new snapshot (empty: none, or unknown).
     */
    private Written execute(SqlStatement statement, Optional<TableState> before) {
        return execute(statement, before, () -> spark.sql(statement.text()).collectAsList(), "");
    }

    /** {@link #execute(SqlStatement, Optional)} by another way than its text; {@code note} ends its line. */
    private Written execute(SqlStatement statement, Optional<TableState> before, Supplier<List<Row>> action,
                            String note) {
        Optional<String> table = statement.writtenTable();
        long began = System.nanoTime();
        List<Row> result = action.get();
        double seconds = seconds(began);
        Optional<TableState> after = table.flatMap(this::state);
        Optional<String> snapshotBefore = before.map(TableState::snapshot);
        Optional<String> snapshotAfter = after.map(TableState::snapshot);
        Optional<Commit> commit = table.flatMap(t -> commitOf(t, snapshotBefore, snapshotAfter));
        String rows = table.map(t -> sparkRowCounts(result)
                        .or(() -> commit.map(Commit::describe))
                        .orElse(snapshotBefore.equals(snapshotAfter)
                                ? "no change (no new snapshot)" : "rows not reported"))
                .map(s -> ", " + s).orElse("");
        out.printf("%s %d %s: %.1f s%s%s%n", statement.file(), statement.number(), statement.label(), seconds, rows,
                note);
        out.flush();
        return new Written(after, commit);
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

    /** The snapshot a write committed, when the table's snapshot after it is a new one. */
    private Optional<Commit> commitOf(String table, Optional<String> before, Optional<String> after) {
        Optional<String> now = after.filter(s -> !s.equals(TableState.NO_SNAPSHOT));
        if (now.isEmpty() || now.equals(before)) {
            return Optional.empty();
        }
        try {
            List<Row> rows = spark.sql("SELECT operation, summary FROM " + table + ".snapshots WHERE snapshot_id = "
                    + Long.parseLong(now.get())).collectAsList();
            return rows.isEmpty() ? Optional.empty()
                    : Optional.of(new Commit(rows.get(0).getString(0), rows.get(0).getJavaMap(1)));
        } catch (Exception notIceberg) {   // a table without Iceberg's metadata tables
            return Optional.empty();
        }
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
