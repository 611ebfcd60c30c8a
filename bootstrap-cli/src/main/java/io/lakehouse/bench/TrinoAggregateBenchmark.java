package io.lakehouse.bench;

import io.lakehouse.sql.TrinoEndpoint;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * The latency of an aggregate over an Iceberg table of a given size, through Trino: the table
 * {@code lakehouse.bench.sales_<rows>} is made once (deterministic rows, CTAS in Trino), then one warm-up run and
 * {@code runs} timed runs of a GROUP BY over every row.
 */
public final class TrinoAggregateBenchmark {
    private final TrinoEndpoint trino;
    private final Consumer<String> progress;

    public TrinoAggregateBenchmark(TrinoEndpoint trino, Consumer<String> progress) {
        this.trino = requireNonNull(trino, "trino");
        this.progress = requireNonNull(progress, "progress");
    }

    public record Result(String table, long rows, String query, long groups, LatencySummary latency) {
    }

    public Result run(long rows, int runs) throws SQLException {
        if (rows < 1000 || rows % 1000 != 0) {
            throw new IllegalArgumentException("rows must be a positive multiple of 1000, not " + rows);
        }
        String table = "lakehouse.bench.sales_" + rows;
        String query = "SELECT store, count(*) AS orders, sum(amount) AS revenue, avg(quantity) AS avg_quantity "
                + "FROM " + table + " GROUP BY store ORDER BY store";
        try (Connection connection = trino.connect(); Statement sql = connection.createStatement()) {
            ensureTable(sql, table, rows);
            long groupCount = 0;
            List<Double> millis = new ArrayList<>();
            for (int run = 0; run <= runs; run++) {
                long began = System.nanoTime();
                long groups = 0;
                long counted = 0;
                try (ResultSet rs = sql.executeQuery(query)) {
                    while (rs.next()) {
                        groups++;
                        counted += rs.getLong("orders");
                    }
                }
                double elapsed = (System.nanoTime() - began) / 1e6;
                if (counted != rows) {
                    throw new IllegalStateException(table + " aggregated " + counted + " rows, expected " + rows);
                }
                groupCount = groups;
                if (run == 0) {
                    progress.accept(String.format("warm-up: %.0f ms", elapsed));
                } else {
                    millis.add(elapsed);
                    progress.accept(String.format("run %d/%d: %.0f ms", run, runs, elapsed));
                }
            }
            return new Result(table, rows, query, groupCount, LatencySummary.of(millis));
        }
    }

    private void ensureTable(Statement sql, String table, long rows) throws SQLException {
        sql.execute("CREATE SCHEMA IF NOT EXISTS lakehouse.bench");
        try (ResultSet rs = sql.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            if (rs.getLong(1) == rows) {
                progress.accept(table + " present (" + rows + " rows)");
                return;
            }
            sql.execute("DROP TABLE " + table);
        } catch (SQLException missing) {
            // made below
        }
        long began = System.nanoTime();
        progress.accept("creating " + table + " (" + rows + " rows) ...");
        sql.execute("CREATE TABLE " + table + " AS SELECT id, CAST(id % 50 AS integer) AS store, "
                + "CAST(1 + id % 7 AS integer) AS quantity, CAST((id * 7919) % 100000 AS decimal(12,2)) / 100 AS amount, "
                + "date_add('day', CAST(id % 365 AS integer), DATE '2026-01-01') AS day "
                + "FROM (SELECT a * 1000 + b AS id FROM UNNEST(sequence(0, " + (rows / 1000 - 1) + ")) AS x(a) "
                + "CROSS JOIN UNNEST(sequence(0, 999)) AS y(b))");
        progress.accept(String.format("created %s in %.1f s", table, (System.nanoTime() - began) / 1e9));
    }
}
