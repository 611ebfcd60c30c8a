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
 * The latency of an aggregate over an Iceberg table, through Trino: by default the table
 * {@code lakehouse.bench.sales_<rows>}, made once (deterministic rows, CTAS in Trino); or the seeded
 * {@code bronze.events} ({@link #runOnEvents}). One warm-up run, then {@code runs} timed runs of a GROUP BY over every
 * row. The result names the nodes Trino ran on and the splits each ran in the last run ({@code system.runtime.tasks}),
 * so a figure with 1 or 2 workers shows whether the work spread.
 */
public final class TrinoAggregateBenchmark {
    private final TrinoEndpoint trino;
    private final Consumer<String> progress;

    public TrinoAggregateBenchmark(TrinoEndpoint trino, Consumer<String> progress) {
        this.trino = requireNonNull(trino, "trino");
        this.progress = requireNonNull(progress, "progress");
    }

    /**
     * @param workers      active nodes that are not the coordinator (0: the coordinator works alone)
     * @param splitsByNode each node's splits in the last timed run, by its HTTP address
     */
    public record Result(String table, long rows, String query, long groups, int workers,
                         java.util.Map<String, Long> splitsByNode, LatencySummary latency) {
    }

    /** The aggregate over the seeded {@code bronze.events} (as many rows as seed put there: 20,000 per scale). */
    public Result runOnEvents(int runs) throws SQLException {
        String table = "lakehouse.bronze.events";
        try (Connection connection = trino.connect(); Statement sql = connection.createStatement();
             ResultSet rs = sql.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            long rows = rs.getLong(1);
            if (rows == 0) {
                throw new IllegalStateException(table + " is empty: run 'lakehouse seed --scale 16' first");
            }
            return measure(table, rows, "SELECT event_type AS grp, count(*) AS orders, count(DISTINCT customer_id) "
                    + "AS customers, count(DISTINCT session_id) AS sessions FROM " + table + " GROUP BY event_type "
                    + "ORDER BY event_type", runs);
        }
    }

    public Result run(long rows, int runs) throws SQLException {
        if (rows < 1000 || rows % 1000 != 0) {
            throw new IllegalArgumentException("rows must be a positive multiple of 1000, not " + rows);
        }
        String table = "lakehouse.bench.sales_" + rows;
        try (Connection connection = trino.connect(); Statement sql = connection.createStatement()) {
            ensureTable(sql, table, rows);
        }
        return measure(table, rows, "SELECT store, count(*) AS orders, sum(amount) AS revenue, avg(quantity) "
                + "AS avg_quantity FROM " + table + " GROUP BY store ORDER BY store", runs);
    }

    /** A warm-up and {@code runs} timed runs of {@code query}, whose column {@code orders} must sum to {@code rows}. */
    private Result measure(String table, long rows, String query, int runs) throws SQLException {
        try (Connection connection = trino.connect(); Statement sql = connection.createStatement()) {
            long groupCount = 0;
            String lastQueryId = null;
            List<Double> millis = new ArrayList<>();
            for (int run = 0; run <= runs; run++) {
                long began = System.nanoTime();
                long groups = 0;
                long counted = 0;
                try (ResultSet rs = sql.executeQuery(query)) {
                    lastQueryId = rs.unwrap(io.trino.jdbc.TrinoResultSet.class).getQueryId();
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
            return new Result(table, rows, query, groupCount, workers(sql), splitsByNode(connection, lastQueryId),
                    LatencySummary.of(millis));
        }
    }

    private static int workers(Statement sql) throws SQLException {
        try (ResultSet rs = sql.executeQuery("SELECT count(*) FROM system.runtime.nodes "
                + "WHERE state = 'active' AND NOT coordinator")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * The splits of a query's tasks, by the HTTP address of the node that ran them, a coordinator's marked
     * {@code " (coordinator)"}: read from {@code system.runtime.tasks} right after the query (ScaledStackIT asserts
     * with it too).
     */
    public static java.util.Map<String, Long> splitsByNode(Connection connection, String queryId)
            throws SQLException {
        java.util.Map<String, Long> splits = new java.util.TreeMap<>();
        try (java.sql.PreparedStatement tasks = connection.prepareStatement("SELECT n.http_uri, n.coordinator, "
                + "sum(t.splits) FROM system.runtime.tasks t JOIN system.runtime.nodes n ON t.node_id = n.node_id "
                + "WHERE t.query_id = ? GROUP BY 1, 2")) {
            tasks.setString(1, queryId);
            try (ResultSet rs = tasks.executeQuery()) {
                while (rs.next()) {
                    splits.put(rs.getString(1) + (rs.getBoolean(2) ? " (coordinator)" : ""), rs.getLong(3));
                }
            }
        }
        return splits;
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
