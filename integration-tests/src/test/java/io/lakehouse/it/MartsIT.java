package io.lakehouse.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The marts on the local runtime (Trino's Iceberg tables, StarRocks' stand-in), on the seeded stack: each
 * reconciles with gold (rows and revenue, computed here from gold, not from the marts), a refresh keeps the
 * declared columns and commits one new snapshot with the same rows, the previous snapshot stays readable, and
 * {@code marts compare} says plainly that StarRocks does not run here.
 */
@Order(7)
@LocalStackTest
@StackServices({"trino", "spark-connect"})
class MartsIT {
    private static final Map<String, List<String>> COLUMNS = Map.of(
            "daily_sales", List.of("sales_date date", "store_id integer", "store_name varchar", "channel varchar",
                    "country varchar", "category varchar", "orders bigint", "units bigint", "revenue decimal(18,2)"),
            "customer_lifetime_value", List.of("customer_id bigint", "customer_name varchar", "country varchar",
                    "loyalty_tier varchar", "orders bigint", "revenue decimal(18,2)", "avg_order_value decimal(18,2)",
                    "first_order_date date", "last_order_date date"),
            "product_funnel", List.of("product_sku varchar", "product_name varchar", "category varchar",
                    "views bigint", "add_to_carts bigint", "purchases bigint", "cart_rate decimal(9,4)",
                    "conversion_rate decimal(9,4)", "revenue decimal(18,2)"));

    @BeforeAll
    static void seeded(LocalStack stack) {
        SeedState.ensureSeeded(stack);
    }

    @Test
    void refreshedMartsReconcileWithGoldKeepTheirColumnsAndCommitOneSnapshotEach(LocalStack stack) throws Exception {
        Cli.Run refresh = Cli.run(stack.layout().stateDir(), stack.portOverrides(), "marts", "refresh");
        assertEquals(0, refresh.exit(), refresh.out() + refresh.err());
        assertTrue(refresh.out().contains("served by Trino"), refresh.out());
        try (Connection trino = stack.endpoints().trino(); Statement sql = trino.createStatement()) {
            for (Map.Entry<String, List<String>> mart : COLUMNS.entrySet()) {
                assertEquals(mart.getValue(), columns(sql, mart.getKey()), "columns of marts." + mart.getKey());
            }
            BigDecimal revenue = decimal(sql, "SELECT sum(revenue) FROM lakehouse.gold.fact_sales WHERE NOT is_cancelled");
            assertTrue(revenue.signum() > 0, "gold has revenue");
            for (String mart : COLUMNS.keySet()) {
                assertEquals(revenue, decimal(sql, "SELECT sum(revenue) FROM lakehouse.marts." + mart),
                        "marts." + mart + " carries all of gold's revenue");
            }
            assertEquals(count(sql, "SELECT count(*) FROM (SELECT DISTINCT order_date, store_key, p.category "
                            + "FROM lakehouse.gold.fact_sales f JOIN lakehouse.gold.dim_product p USING (product_key) "
                            + "WHERE NOT f.is_cancelled)"),
                    count(sql, "SELECT count(*) FROM lakehouse.marts.daily_sales"), "one row per day, store, category");
            assertEquals(count(sql, "SELECT count(DISTINCT customer_key) FROM lakehouse.gold.fact_sales "
                            + "WHERE NOT is_cancelled"),
                    count(sql, "SELECT count(*) FROM lakehouse.marts.customer_lifetime_value"),
                    "one row per customer with a non-cancelled order");
            assertEquals(count(sql, "SELECT count(*) FROM lakehouse.gold.dim_product"),
                    count(sql, "SELECT count(*) FROM lakehouse.marts.product_funnel"), "one row per product");
            assertEquals(count(sql, "SELECT count(*) FROM lakehouse.gold.fact_events WHERE event_type = 'purchase'"),
                    count(sql, "SELECT sum(purchases) FROM lakehouse.marts.product_funnel"), "every purchase event");

            long before = snapshot(sql, "daily_sales");
            long rowsBefore = count(sql, "SELECT count(*) FROM lakehouse.marts.daily_sales");
            Cli.Run again = Cli.run(stack.layout().stateDir(), stack.portOverrides(), "marts", "refresh", "--json");
            assertEquals(0, again.exit(), again.out() + again.err());
            long after = snapshot(sql, "daily_sales");
            assertNotEquals(before, after, "a refresh commits a new snapshot");
            assertEquals(rowsBefore, count(sql, "SELECT count(*) FROM lakehouse.marts.daily_sales"));
            assertEquals(rowsBefore, count(sql, "SELECT count(*) FROM lakehouse.marts.daily_sales FOR VERSION AS OF "
                    + before), "the previous snapshot stays readable");
            assertEquals(0, count(sql, "(SELECT * FROM lakehouse.marts.daily_sales EXCEPT "
                    + "SELECT * FROM lakehouse.marts.daily_sales FOR VERSION AS OF " + before + ") "), "same rows");
        }
        Cli.Run compare = Cli.run(stack.layout().stateDir(), stack.portOverrides(), "marts", "compare");
        assertEquals(3, compare.exit(), "no StarRocks here: " + compare.out() + compare.err());
        assertTrue(compare.err().contains("StarRocks does not run here"), compare.err());
    }

    private static List<String> columns(Statement sql, String mart) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = sql.executeQuery("SELECT column_name, data_type FROM lakehouse.information_schema.columns "
                + "WHERE table_schema = 'marts' AND table_name = '" + mart + "' ORDER BY ordinal_position")) {
            while (rs.next()) {
                columns.add(rs.getString(1) + " " + rs.getString(2));
            }
        }
        return columns;
    }

    private static long snapshot(Statement sql, String mart) throws SQLException {
        try (ResultSet rs = sql.executeQuery("SELECT snapshot_id FROM lakehouse.marts.\"" + mart + "$snapshots\" "
                + "ORDER BY committed_at DESC LIMIT 1")) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    private static long count(Statement sql, String query) throws SQLException {
        String q = query.startsWith("(") ? "SELECT count(*) FROM " + query : query;
        try (ResultSet rs = sql.executeQuery(q)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    private static BigDecimal decimal(Statement sql, String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            assertTrue(rs.next());
            return rs.getBigDecimal(1).setScale(2);
        }
    }
}
