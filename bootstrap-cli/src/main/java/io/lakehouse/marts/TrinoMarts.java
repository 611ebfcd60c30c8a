package io.lakehouse.marts;

import io.lakehouse.sql.TrinoEndpoint;
import io.lakehouse.stack.ProbeTarget;

import org.apache.iceberg.Table;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * The marts as Iceberg tables in {@code lakehouse.marts}, made and refreshed by Trino: what the local runtime serves
 * (StarRocks has no package in any registry reachable here), and docker too where StarRocks' image is absent.
 * Each mart file holds two statements: the table (bootstrap runs it, so the table exists before any data) and its
 * refresh, a {@code CREATE OR REPLACE TABLE ... AS SELECT}: one atomic commit, older snapshots kept.
 */
public final class TrinoMarts {
    public static final String ENGINE = "trino";
    private final MartCatalog catalog;
    private final TrinoEndpoint trino;

    public TrinoMarts(MartCatalog catalog, ProbeTarget stack) {
        this.catalog = requireNonNull(catalog, "catalog");
        this.trino = TrinoEndpoint.of(requireNonNull(stack, "stack"), "lakehouse", null);
    }

    /** Creates the marts' tables that do not exist (empty); returns the names of those it created. */
    public List<String> create() throws SQLException {
        List<String> created = new ArrayList<>();
        try (Connection connection = trino.connect(); Statement sql = connection.createStatement()) {
            for (Mart mart : catalog.all()) {
                boolean existed = exists(sql, mart);
                sql.execute(SqlScript.statements(mart.trinoSql()).get(0));
                if (!existed) {
                    created.add(mart.name());
                }
            }
        }
        return created;
    }

    /** Recomputes every mart from gold, one atomic commit each; {@code progress} hears each as it is done. */
    public List<MartRefresh> refresh(Consumer<MartRefresh> progress) throws SQLException {
        return refresh(Optional.empty(), progress);
    }

    /**
     * Like {@link #refresh(Consumer)}, but with the Iceberg catalog given, a mart whose definition and inputs are
     * unchanged since its last refresh is not recomputed, and each refresh records what it was computed from
     * ({@link MartInputs}). The marts are refreshed at once, each on a connection of its own (they read gold and
     * write only themselves): the three took 9.8 s one after the other in a cold seed, each mostly Trino's planning
     * and its commit. {@code progress} hears each as it is done, one at a time; the list is in the catalog's order.
     */
    public List<MartRefresh> refresh(Optional<org.apache.iceberg.catalog.Catalog> skipUnchanged,
                                     Consumer<MartRefresh> progress) throws SQLException {
        List<Mart> marts = catalog.all();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.max(1, marts.size()), runnable -> {
                    Thread thread = new Thread(runnable, "mart-refresh");
                    thread.setDaemon(true);
                    return thread;
                });
        try {
            List<java.util.concurrent.Future<MartRefresh>> running = new ArrayList<>();
            for (Mart mart : marts) {
                running.add(pool.submit(() -> {
                    MartRefresh done = refreshOne(mart, skipUnchanged);
                    synchronized (progress) {
                        progress.accept(done);
                    }
                    return done;
                }));
            }
            List<MartRefresh> refreshed = new ArrayList<>();
            for (java.util.concurrent.Future<MartRefresh> refresh : running) {
                refreshed.add(outcome(refresh));
            }
            return refreshed;
        } finally {
            pool.shutdownNow();
        }
    }

    private MartRefresh refreshOne(Mart mart, Optional<org.apache.iceberg.catalog.Catalog> skipUnchanged)
            throws SQLException {
        try (Connection connection = trino.connect(); Statement sql = connection.createStatement()) {
            long began = System.nanoTime();
            Optional<MartInputs> inputs = inputsOf(skipUnchanged, mart);
            Optional<Table> table = inputs.flatMap(ignored -> martTable(skipUnchanged.get(), mart));
            boolean unchanged = inputs.isPresent() && table.isPresent() && inputs.get().unchangedIn(table.get());
            if (!unchanged) {
                for (String statement : SqlScript.statements(mart.trinoSql())) {
                    sql.execute(statement);
                }
                if (inputs.isPresent()) {
                    martTable(skipUnchanged.get(), mart).ifPresent(inputs.get()::recordIn);
                }
            }
            return new MartRefresh(mart.name(), ENGINE, count(sql, mart), snapshot(sql, mart),
                    (System.nanoTime() - began) / 1e9, !unchanged);
        }
    }

    /** A refresh's result, or the failure it ended with, as the caller would have seen it one after the other. */
    private static MartRefresh outcome(java.util.concurrent.Future<MartRefresh> refresh) throws SQLException {
        try {
            return refresh.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while the marts were refreshed", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                throw sql;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new SQLException(cause.getMessage(), cause);
        }
    }

    private static Optional<MartInputs> inputsOf(Optional<org.apache.iceberg.catalog.Catalog> catalog, Mart mart) {
        if (catalog.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(MartInputs.now(catalog.get(), mart));
        } catch (IOException | RuntimeException unreadable) {   // an input missing or unreadable: recompute
            return Optional.empty();
        }
    }

    private static Optional<Table> martTable(org.apache.iceberg.catalog.Catalog catalog, Mart mart) {
        try {
            return Optional.of(catalog.loadTable(MartInputs.tableOf(mart)));
        } catch (RuntimeException missing) {
            return Optional.empty();
        }
    }

    /** Each mart's rows and current snapshot, without changing anything. */
    public List<MartRefresh> describe() throws SQLException {
        List<MartRefresh> marts = new ArrayList<>();
        try (Connection connection = trino.connect(); Statement sql = connection.createStatement()) {
            for (Mart mart : catalog.all()) {
                marts.add(exists(sql, mart)
                        ? new MartRefresh(mart.name(), ENGINE, count(sql, mart), snapshot(sql, mart), 0)
                        : new MartRefresh(mart.name(), ENGINE, 0, "missing (run 'lakehouse bootstrap')", 0));
            }
        }
        return marts;
    }

    private static boolean exists(Statement sql, Mart mart) throws SQLException {
        try (ResultSet rs = sql.executeQuery("SELECT count(*) FROM lakehouse.information_schema.tables "
                + "WHERE table_schema = 'marts' AND table_name = '" + mart.name() + "'")) {
            return rs.next() && rs.getLong(1) > 0;
        }
    }

    private static long count(Statement sql, Mart mart) throws SQLException {
        try (ResultSet rs = sql.executeQuery("SELECT count(*) FROM " + mart.trinoTable())) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String snapshot(Statement sql, Mart mart) throws SQLException {
        try (ResultSet rs = sql.executeQuery("SELECT snapshot_id, committed_at FROM lakehouse.marts.\""
                + mart.name() + "$snapshots\" ORDER BY committed_at DESC LIMIT 1")) {
            return rs.next() ? "snapshot " + rs.getLong(1) + " at " + rs.getString(2) : "no snapshot yet";
        }
    }
}
