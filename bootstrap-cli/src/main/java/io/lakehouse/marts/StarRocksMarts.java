package io.lakehouse.marts;

import io.lakehouse.runtime.TemplateRenderer;
import io.lakehouse.stack.ProbeTarget;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * The marts as StarRocks asynchronous materialized views over the Iceberg catalog (through the Hive Metastore), in
 * the docker runtime where the vendor's image runs (the compose profile {@code starrocks}). Reached over its MySQL
 * protocol on the published port {@code LAKEHOUSE_STARROCKS_QUERY_PORT} (9030, shifted by the port offset), user
 * {@code root}. Not run on this project's CI machines: no registry here offers the image (see the README).
 */
public final class StarRocksMarts {
    public static final String ENGINE = "starrocks";
    static final int DEFAULT_QUERY_PORT = 9030;
    private final MartCatalog catalog;
    private final String url;

    private StarRocksMarts(MartCatalog catalog, String url) {
        this.catalog = requireNonNull(catalog, "catalog");
        this.url = requireNonNull(url, "url");
    }

    /** StarRocks when it answers on its published port; empty when it does not run (the usual case here). */
    public static Optional<StarRocksMarts> ifRunning(MartCatalog catalog, Function<String, String> env) {
        int port = Optional.ofNullable(env.apply("LAKEHOUSE_STARROCKS_QUERY_PORT")).map(Integer::parseInt)
                .orElse(DEFAULT_QUERY_PORT + Optional.ofNullable(env.apply("LAKEHOUSE_PORT_OFFSET"))
                        .filter(s -> !s.isBlank()).map(Integer::parseInt).orElse(0));
        StarRocksMarts marts = new StarRocksMarts(catalog, "jdbc:mariadb://127.0.0.1:" + port
                + "/?connectTimeout=2000&socketTimeout=600000");
        try (Connection ignored = marts.connect()) {
            return Optional.of(marts);
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /** The external Iceberg catalog, the database and the materialized views that are missing. */
    public List<String> create(ProbeTarget stack) throws SQLException {
        TemplateRenderer renderer = new TemplateRenderer(Map.of("HIVE_METASTORE_HOST", "hive-metastore",
                "HIVE_METASTORE_PORT", Integer.toString(stack.port("HIVE_METASTORE_PORT"))));
        List<String> created = new ArrayList<>();
        try (Connection connection = connect(); Statement sql = connection.createStatement()) {
            for (String statement : SqlScript.statements(catalog.starRocksSetup())) {
                sql.execute(renderer.render(statement, catalog.starRocksSetup().toString()));
            }
            for (Mart mart : catalog.all()) {
                for (String statement : SqlScript.statements(mart.starRocksSql())) {
                    sql.execute(statement);
                }
                created.add(mart.name());
            }
        }
        return created;
    }

    /** Refreshes every materialized view now and waits for it (SYNC MODE). */
    public List<MartRefresh> refresh(ProbeTarget stack, Consumer<MartRefresh> progress) throws SQLException {
        create(stack);
        List<MartRefresh> refreshed = new ArrayList<>();
        try (Connection connection = connect(); Statement sql = connection.createStatement()) {
            for (Mart mart : catalog.all()) {
                long began = System.nanoTime();
                sql.execute("REFRESH MATERIALIZED VIEW marts." + mart.name() + " WITH SYNC MODE");
                long rows;
                try (ResultSet rs = sql.executeQuery("SELECT count(*) FROM marts." + mart.name())) {
                    rs.next();
                    rows = rs.getLong(1);
                }
                MartRefresh done = new MartRefresh(mart.name(), ENGINE, rows, "materialized view refreshed",
                        (System.nanoTime() - began) / 1e9);
                refreshed.add(done);
                progress.accept(done);
            }
        }
        return refreshed;
    }

    /** Each mart's first difference between StarRocks' view and Trino's table; empty when every mart agrees. */
    public List<String> differencesFrom(io.lakehouse.sql.TrinoEndpoint trino) throws SQLException {
        List<String> differences = new ArrayList<>();
        try (Connection starRocks = connect(); Connection other = trino.connect()) {
            for (Mart mart : catalog.all()) {
                MartRows.firstDifference(MartRows.read(other, mart.trinoTable()),
                                MartRows.read(starRocks, "marts." + mart.name()))
                        .ifPresent(d -> differences.add(mart.name() + ": trino <> starrocks at " + d));
            }
        }
        return differences;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "root", "");
    }
}
