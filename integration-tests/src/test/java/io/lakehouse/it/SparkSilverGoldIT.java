package io.lakehouse.it;

import io.lakehouse.seed.spark.SparkSqlRunner;
import io.lakehouse.stack.ProbeTarget;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seed's Spark stage for real: bronze -> silver -> gold by MERGE INTO on the cluster, run twice. Silver holds
 * exactly the documented sample numbers (sample-data/README.md), gold's revenue equals what Trino computes over
 * bronze on its own (cancelled orders excluded), and the second run changes nothing: same counts, no data file
 * added to any silver or gold table. A third and fourth run see a planted bronze row come and go, while the MERGEs
 * that do not read it are skipped.
 */
@Order(5)
@LocalStackTest
class SparkSilverGoldIT {
    /** sample-data/README.md: landed file records, MySQL rows after the application changes, events. */
    private static final Map<String, Long> SILVER = new LinkedHashMap<>();
    /** Gold tables whose size follows from the documented numbers. */
    private static final Map<String, Long> GOLD = new LinkedHashMap<>();

    static {
        SILVER.put("customers", 1000L);
        SILVER.put("stores", 20L);
        SILVER.put("products", 300L);
        SILVER.put("orders", 2000L);
        SILVER.put("order_items", 5011L);
        SILVER.put("payments", 1615L);
        SILVER.put("shipments", 1475L);
        SILVER.put("events", 20000L);
        GOLD.put("dim_customer", 1000L);
        GOLD.put("dim_store", 20L);
        GOLD.put("dim_product", 300L);
        GOLD.put("fact_sales", 5011L);
        GOLD.put("fact_events", 20000L);
        GOLD.put("product_funnel", 300L);
    }

    private static final List<String> OTHER_GOLD = List.of("dim_date", "daily_sales_by_store_category",
            "customer_lifetime_value");

    @Test
    void silverAndGoldMergeTheDocumentedRowsOnceAndRevenueLeavesOutCancelledOrders(LocalStack stack)
            throws Exception {
        // the namespaces and topics seed writes to (idempotent; the shared stack may have started without them)
        Cli.Run bootstrap = Cli.run(stack.layout().stateDir(), stack.portOverrides(), "bootstrap");
        assertEquals(0, bootstrap.exit(), bootstrap.out() + bootstrap.err());
        SeedState.ensureSeeded(stack);   // the documented numbers: after a class that added rows of its own, a reset

        Map<String, Long> afterFirst = null;
        Map<String, Long> filesAfterFirst = null;
        Map<String, String> snapshotsAfterFirst = new LinkedHashMap<>();
        for (int run = 1; run <= 2; run++) {
            long began = System.nanoTime();
            Cli.Run seed = Cli.run(stack.layout().stateDir(), stack.portOverrides(), "seed");
            assertEquals(0, seed.exit(), "seed run " + run + ":\n" + seed.out() + seed.err());
            if (run == 2) {
                // nothing new since the first run: the stage does not even start Spark (LastTransform)
                assertTrue(seed.err().contains("no Spark statement started"), seed.err());
            }
            System.out.printf("[spark silver/gold] seed run %d: %.1f s%n%s%n", run, (System.nanoTime() - began) / 1e9,
                    seed.err().lines().filter(l -> l.contains("done in") || l.startsWith("[")).toList());
            try (Connection trino = stack.endpoints().trino(); Statement sql = trino.createStatement()) {
                for (Map.Entry<String, Long> table : SILVER.entrySet()) {
                    assertEquals(table.getValue(), count(sql, "SELECT count(*) FROM silver." + table.getKey()),
                            "silver." + table.getKey() + " after seed run " + run);
                }
                for (Map.Entry<String, Long> table : GOLD.entrySet()) {
                    assertEquals(table.getValue(), count(sql, "SELECT count(*) FROM gold." + table.getKey()),
                            "gold." + table.getKey() + " after seed run " + run);
                }
                assertEquals(100, count(sql, "SELECT count(*) FROM silver.orders WHERE order_id % 20 = 0 "
                        + "AND status = 'cancelled' AND is_cancelled"), "the application's cancellations in silver");
                assertEquals(0, count(sql, "SELECT count(*) FROM silver.customers WHERE email <> lower(trim(email))"),
                        "silver emails are trimmed and lower-case");
                assertRevenueEqualsTrinoOverBronze(sql);
                assertFunnelEqualsTrinoOverBronze(sql);

                Map<String, Long> counts = new LinkedHashMap<>();
                Map<String, Long> files = new LinkedHashMap<>();
                for (String table : allTables()) {
                    counts.put(table, count(sql, "SELECT count(*) FROM " + table));
                    files.put(table, count(sql, "SELECT count(*) FROM " + metadata(table, "files")));
                }
                if (run == 1) {
                    afterFirst = counts;
                    filesAfterFirst = files;
                    for (String table : allTables()) {
                        snapshotsAfterFirst.put(table, strings(sql, "SELECT CAST(snapshot_id AS varchar) FROM "
                                + metadata(table, "snapshots")));
                    }
                } else {
                    assertEquals(afterFirst, counts, "row counts after the second run");
                    assertEquals(filesAfterFirst, files, "live data files after the second run");
                    for (String table : allTables()) {
                        // the second run's MERGEs commit snapshots that add nothing: no data file, no row
                        assertEquals(0, count(sql, "SELECT coalesce(sum("
                                + "CAST(coalesce(element_at(summary, 'added-data-files'), '0') AS bigint) + "
                                + "CAST(coalesce(element_at(summary, 'added-records'), '0') AS bigint)), 0) "
                                + "FROM " + metadata(table, "snapshots") + " WHERE CAST(snapshot_id AS varchar) NOT IN ("
                                + snapshotsAfterFirst.get(table) + ")"),
                                table + ": data files or rows added by the second run");
                    }
                }
            }
        }
        aNewInputRowIsMergedWhileTheUnchangedTablesAreSkipped(stack);
    }

    /**
     * The Spark stage skips a MERGE whose inputs have no new rows since its last run: a customer planted in bronze
     * (as a file from elsewhere would land) reaches silver and gold through {@code seed}, whose Spark stage runs since
     * bronze changed, and its removal removes it there too, while the tables that do not read customers are skipped
     * both times.
     */
    private static void aNewInputRowIsMergedWhileTheUnchangedTablesAreSkipped(LocalStack stack) throws Exception {
        SparkSqlRunner spark = new SparkSqlRunner(stack.layout().home(), new ProbeTarget(stack.endpoints().host(),
                stack.endpoints().ports(), stack.endpoints().secrets()));
        List<Path> files = List.of(spark.sqlFile("silver.sql"), spark.sqlFile("gold.sql"));
        try (Connection trino = stack.endpoints().trino(); Statement sql = trino.createStatement()) {
            long planted = count(sql, "SELECT max(customer_id) FROM bronze.customers") + 1_000_000;
            String plantedWhere = " WHERE customer_id = " + planted;
            sql.execute("INSERT INTO bronze.customers (customer_id, first_name, last_name, email, _source_file) "
                    + "SELECT max(customer_id) + 1000000, 'Planted', 'Customer', 'planted@example.com', "
                    + "'planted-by-SparkSilverGoldIT.csv' FROM bronze.customers");
            try {
                // through seed: a new bronze row makes its Spark stage run, though nothing else changed
                Cli.Run seed = Cli.run(stack.layout().stateDir(), stack.portOverrides(), "seed");
                assertEquals(0, seed.exit(), seed.out() + seed.err());
                List<String> lines = seed.err().lines().toList();
                assertEquals(1, count(sql, "SELECT count(*) FROM silver.customers" + plantedWhere), lines.toString());
                assertEquals(1, count(sql, "SELECT count(*) FROM gold.dim_customer" + plantedWhere), lines.toString());
                assertSkipped(lines, "silver.orders", "silver.events", "gold.fact_events", "gold.dim_product");
            } finally {
                sql.execute("DELETE FROM bronze.customers" + plantedWhere);
            }
            List<String> lines = new java.util.ArrayList<>();
            spark.run(files, lines::add);
            assertEquals(0, count(sql, "SELECT count(*) FROM silver.customers" + plantedWhere), lines.toString());
            assertEquals(0, count(sql, "SELECT count(*) FROM gold.dim_customer" + plantedWhere), lines.toString());
            assertEquals(SILVER.get("customers"), count(sql, "SELECT count(*) FROM silver.customers"));
            assertSkipped(lines, "silver.orders", "silver.events", "gold.fact_events", "gold.dim_product");
        }
    }

    private static void assertSkipped(List<String> lines, String... tables) {
        for (String table : tables) {
            assertTrue(lines.stream().anyMatch(l -> l.contains("MERGE INTO lakehouse." + table + ":")
                    && l.contains("skipped")), table + " was not skipped:\n" + String.join("\n", lines));
        }
    }

    /** Revenue of non-cancelled orders, computed by Trino from bronze alone, equals gold's in every table. */
    private static void assertRevenueEqualsTrinoOverBronze(Statement sql) throws Exception {
        BigDecimal expected = decimal(sql, "SELECT sum(i.quantity * i.unit_price) FROM bronze.order_items i "
                + "JOIN bronze.orders o ON o.order_id = i.order_id WHERE o.status <> 'cancelled'");
        assertNotNull(expected);
        assertEquals(expected, decimal(sql, "SELECT sum(total_amount) FROM bronze.orders WHERE status <> 'cancelled'"),
                "bronze: order totals equal the sum of their lines");
        assertEquals(expected, decimal(sql, "SELECT sum(revenue) FROM gold.fact_sales"), "gold.fact_sales revenue");
        assertEquals(expected, decimal(sql, "SELECT sum(revenue) FROM gold.daily_sales_by_store_category"),
                "gold.daily_sales_by_store_category revenue");
        assertEquals(expected, decimal(sql, "SELECT sum(revenue) FROM gold.customer_lifetime_value"),
                "gold.customer_lifetime_value revenue");
        assertEquals(0, decimal(sql, "SELECT sum(revenue) FROM gold.fact_sales WHERE is_cancelled").signum(),
                "cancelled orders carry no revenue");
        assertEquals(count(sql, "SELECT count(*) FROM bronze.orders WHERE status <> 'cancelled'"),
                count(sql, "SELECT sum(orders) FROM gold.customer_lifetime_value"), "orders in customer lifetime value");
    }

    private static void assertFunnelEqualsTrinoOverBronze(Statement sql) throws Exception {
        for (Map.Entry<String, String> type : Map.of("views", "page_view", "add_to_carts", "add_to_cart",
                "purchases", "purchase").entrySet()) {
            assertEquals(count(sql, "SELECT count(DISTINCT event_id) FROM bronze.events WHERE event_type = '"
                            + type.getValue() + "'"),
                    count(sql, "SELECT sum(" + type.getKey() + ") FROM gold.product_funnel"),
                    "gold.product_funnel " + type.getKey());
        }
    }

    private static List<String> allTables() {
        List<String> tables = new java.util.ArrayList<>();
        SILVER.keySet().forEach(t -> tables.add("silver." + t));
        GOLD.keySet().forEach(t -> tables.add("gold." + t));
        OTHER_GOLD.forEach(t -> tables.add("gold." + t));
        return tables;
    }

    private static String metadata(String table, String kind) {
        String[] parts = table.split("\\.");
        return parts[0] + ".\"" + parts[1] + "$" + kind + "\"";
    }

    private static long count(Statement sql, String query) throws Exception {
        try (ResultSet rs = sql.executeQuery(query)) {
            assertTrue(rs.next(), query);
            return rs.getLong(1);
        }
    }

    /** The query's first column as a list of SQL string literals: 'a', 'b'. */
    private static String strings(Statement sql, String query) throws Exception {
        List<String> values = new java.util.ArrayList<>();
        try (ResultSet rs = sql.executeQuery(query)) {
            while (rs.next()) {
                values.add("'" + rs.getString(1) + "'");
            }
        }
        assertTrue(!values.isEmpty(), query);
        return String.join(", ", values);
    }

    private static BigDecimal decimal(Statement sql, String query) throws Exception {
        try (ResultSet rs = sql.executeQuery(query)) {
            assertTrue(rs.next(), query);
            return rs.getBigDecimal(1);
        }
    }
}
