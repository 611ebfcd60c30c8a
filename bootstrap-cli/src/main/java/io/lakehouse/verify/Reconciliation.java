package io.lakehouse.verify;

import com.datastax.oss.driver.api.core.cql.Row;
import io.lakehouse.seed.sample.ApplicationChanges;
import io.lakehouse.seed.sample.ExpectedCounts;
import io.lakehouse.seed.sample.SampleGenerator;
import io.lakehouse.seed.stages.EventsStage;
import io.lakehouse.serving.ServingStore;
import io.lakehouse.sql.TrinoEndpoint;
import io.lakehouse.sql.TrinoErrors;
import io.lakehouse.seed.ShopDatabase;
import io.lakehouse.shop.ShopFingerprint;
import io.lakehouse.shop.ShopSchema;
import io.lakehouse.shop.ShopTable;
import io.lakehouse.seed.sample.SampleDataset;
import io.lakehouse.stack.ProbeTarget;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * {@code lakehouse verify}: proves nothing was lost between the sources and the lakehouse. Every source's records
 * in (from the generator's plan, not from the loader) equal records landed plus quarantined; each MySQL table's
 * count and content fingerprint equal its bronze table's after change data capture; events produced equal events
 * landed, once each; the serving store's totals equal the same totals computed by Trino over bronze.events.
 */
public final class Reconciliation {
    private final ProbeTarget stack;
    private final int scale;
    private final TrinoEndpoint trino;

    public Reconciliation(ProbeTarget stack, int scale) {
        this.stack = requireNonNull(stack, "stack");
        this.scale = scale;
        this.trino = TrinoEndpoint.of(stack, "lakehouse", null);
    }

    public List<Check> run() {
        List<Check> checks = new ArrayList<>();
        SampleDataset data = new SampleGenerator(scale).generate();
        ExpectedCounts expected = ExpectedCounts.of(data);
        try (Connection connection = trino.connect(); Statement sql = connection.createStatement()) {
            files(expected, sql, checks);
            mysql(data, sql, checks);
            events(expected, sql, checks);
            serving(sql, checks);
        } catch (SQLException e) {
            checks.add(Check.failed("trino", "connect", "cannot reach Trino at " + trino.url() + ": " + e.getMessage()));
        }
        return checks;
    }

    private void files(ExpectedCounts expected, Statement sql, List<Check> checks) {
        for (Map.Entry<String, ExpectedCounts.FileSource> entry : expected.files().entrySet()) {
            ExpectedCounts.FileSource source = entry.getValue();
            String file = "sample-data/" + source.file();
            try {
                long landed = count(sql, "SELECT count(*) FROM lakehouse." + source.table()
                        + " WHERE _source_file = '" + file + "'");
                long quarantined = count(sql, "SELECT count(*) FROM lakehouse.bronze.quarantine "
                        + "WHERE source_file = '" + file + "'");
                checks.add(Check.equal("files", source.file() + ": in = landed + quarantined", source.recordsIn(),
                        landed + quarantined, landed + " landed + " + quarantined + " quarantined"));
                checks.add(Check.equal("files", source.file() + ": landed", source.landed(), landed, source.table()));
                checks.add(Check.equal("files", source.file() + ": quarantined", source.quarantined(), quarantined,
                        "bronze.quarantine"));
            } catch (SQLException e) {
                checks.add(Check.failed("files", source.file(), trinoMessage(e)));
            }
        }
    }

    private void mysql(SampleDataset data, Statement trinoSql, List<Check> checks) {
        Map<String, Long> rowsAfterChanges = ApplicationChanges.rowsAfter(data);
        try (Connection connection = ShopDatabase.connect(stack); Statement mysql = connection.createStatement()) {
            for (ShopTable table : ShopSchema.TABLES) {
                ShopFingerprint source = ShopFingerprint.of(mysql, ShopFingerprint.mysqlQuery(table));
                checks.add(Check.equal("mysql", "shop." + table.name() + ": rows", rowsAfterChanges.get(table.name()),
                        source.rows(), "MySQL against the documented rows after the application's changes"));
                try {
                    ShopFingerprint bronze = ShopFingerprint.of(trinoSql,
                            ShopFingerprint.trinoQuery(table, "lakehouse.bronze"));
                    checks.add(Check.equal("cdc", "bronze." + table.name() + ": rows", source.rows(), bronze.rows(),
                            "MySQL shop." + table.name() + " against Iceberg, through Trino"));
                    checks.add(Check.equal("cdc", "bronze." + table.name() + ": content", Long.toHexString(source.crcSum()),
                            Long.toHexString(bronze.crcSum()), "sum of per-row CRC-32 over every column"));
                } catch (SQLException e) {
                    checks.add(Check.failed("cdc", "bronze." + table.name(), trinoMessage(e)));
                }
            }
        } catch (SQLException e) {
            checks.add(Check.failed("mysql", "shop", "cannot read MySQL at " + stack.address("MYSQL_PORT") + ": " + e.getMessage()));
        }
    }

    private void events(ExpectedCounts expected, Statement sql, List<Check> checks) {
        try {
            long produced = EventsStage.committedRecords(stack.everyAddress("KAFKA_PORT"));
            checks.add(Check.equal("events", "produced", expected.events(), produced, "shop.events (read committed)"));
            long landed = count(sql, "SELECT count(*) FROM lakehouse.bronze.events");
            long distinct = count(sql, "SELECT count(DISTINCT event_id) FROM lakehouse.bronze.events");
            checks.add(Check.equal("events", "landed", produced, landed, "bronze.events"));
            checks.add(Check.equal("events", "landed once", landed, distinct, "distinct event_id"));
        } catch (Exception e) {
            checks.add(Check.failed("events", "shop.events", e.getMessage()));
        }
    }

    private void serving(Statement sql, List<Check> checks) {
        try (ServingStore store = ServingStore.connect(stack.hostOf("SERVING_STORE_PORT"), stack.port("SERVING_STORE_PORT"))) {
            Map<String, String> served = new TreeMap<>();
            for (Row row : store.session().execute("SELECT product_sku, views, add_to_carts, purchases FROM "
                    + ServingStore.KEYSPACE + ".product_activity")) {
                served.put(row.getString(0), row.getLong(1) + "/" + row.getLong(2) + "/" + row.getLong(3));
            }
            Map<String, String> computed = new TreeMap<>();
            try (ResultSet rs = sql.executeQuery("SELECT product_sku, count_if(event_type = 'page_view'), "
                    + "count_if(event_type = 'add_to_cart'), count_if(event_type = 'purchase') "
                    + "FROM lakehouse.bronze.events GROUP BY product_sku")) {
                while (rs.next()) {
                    computed.put(rs.getString(1), rs.getLong(2) + "/" + rs.getLong(3) + "/" + rs.getLong(4));
                }
            }
            checks.add(compare("product_activity (views/add-to-carts/purchases)", computed, served));

            Map<String, String> servedCustomers = new TreeMap<>();
            for (Row row : store.session().execute("SELECT customer_id, events, last_event_ts FROM "
                    + ServingStore.KEYSPACE + ".customer_activity")) {
                servedCustomers.put(Long.toString(row.getLong(0)), row.getLong(1) + "@"
                        + Objects.requireNonNull(row.getInstant(2)).toEpochMilli());
            }
            Map<String, String> computedCustomers = new TreeMap<>();
            try (ResultSet rs = sql.executeQuery("SELECT customer_id, count(*), "
                    + "to_unixtime(max(event_ts)) * 1000 FROM lakehouse.bronze.events GROUP BY customer_id")) {
                while (rs.next()) {
                    computedCustomers.put(Long.toString(rs.getLong(1)), rs.getLong(2) + "@" + Math.round(rs.getDouble(3)));
                }
            }
            checks.add(compare("customer_activity (events@last event)", computedCustomers, servedCustomers));
        } catch (Exception e) {
            checks.add(Check.failed("serving", "serving store", e.getMessage()));
        }
    }

    /** Serving-store rows against Trino's: equal when every key has the same totals; else the first differences. */
    private static Check compare(String name, Map<String, String> computed, Map<String, String> served) {
        List<String> differences = new ArrayList<>();
        for (String key : computed.keySet()) {
            if (!computed.get(key).equals(served.get(key))) {
                differences.add(key + ": trino " + computed.get(key) + ", served " + served.get(key));
            }
        }
        served.keySet().stream().filter(k -> !computed.containsKey(k))
                .forEach(k -> differences.add(k + ": served only"));
        String detail = differences.isEmpty() ? "every key equal"
                : differences.size() + " key(s) differ, e.g. " + String.join("; ", differences.subList(0,
                Math.min(3, differences.size())));
        return new Check("serving", name, computed.size() + " keys", (computed.size() - countMismatches(differences))
                + " equal", differences.isEmpty(), detail);
    }

    private static int countMismatches(List<String> differences) {
        return (int) differences.stream().filter(d -> !d.endsWith("served only")).count();
    }

    private static long count(Statement sql, String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String trinoMessage(SQLException e) {
        return TrinoErrors.message(e);
    }
}
