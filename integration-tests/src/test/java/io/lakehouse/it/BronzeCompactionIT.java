package io.lakehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehouse.seed.ShopDatabase;
import io.lakehouse.seed.streaming.StreamingJob;
import io.lakehouse.shop.ShopFingerprint;
import io.lakehouse.shop.ShopSchema;
import io.lakehouse.shop.ShopTable;
import io.lakehouse.stack.ProbeTarget;
import io.lakehouse.wait.RetryPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code lakehouse maintain} on the seeded stack: the streaming jobs' bronze tables compacted while change data
 * capture keeps writing one of them. An order's {@code updated_at} is changed in MySQL a few times, each change
 * waited for in bronze (so bronze.orders gets a data file and delete files per checkpoint); then changed 20 times
 * more while {@code maintain} runs, and finally set back. Asserted: every row of every CDC table in bronze equals
 * MySQL's (content fingerprints, read through Trino), bronze.events holds the same rows as before, the rewrite
 * committed, and a compaction of the quiet stack leaves each table with one data file and no equality delete
 * that applies to it. The order
 * ends as it was, so the classes after this one see the seeded data.
 *
 * <p>Then what a compaction means to silver: a rewrite after silver's MERGE read the rows is not new data (the
 * MERGE of silver.orders is skipped), while an order changed before a rewrite still reaches silver (the MERGE runs
 * and silver holds the change, read through Trino).
 */
@Order(7)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@LocalStackTest
@StackServices({"trino", "spark-connect", "kafka-connect", "flink-taskmanager"})
class BronzeCompactionIT {
    private static final RetryPolicy CDC = new RetryPolicy("bronze equal to MySQL", Duration.ofMillis(500),
            Duration.ofMinutes(3));
    private static final int CHANGES_BEFORE = 5;
    private static final int CHANGES_DURING = 20;

    @BeforeAll
    static void seeded(LocalStack stack) {
        SeedState.ensureSeeded(stack);
    }

    @Test
    @Order(1)
    void theStreamingTablesAreCompactedBesideChangeDataCaptureWithNothingChanged(LocalStack stack) throws Exception {
        ProbeTarget target = target(stack);
        FirstOrder first = FirstOrder.of(target);
        long orderId = first.id();
        Timestamp original = first.updatedAt();
        String events = eventsDigest(stack);
        try {
            for (int i = 1; i <= CHANGES_BEFORE; i++) {
                setUpdatedAt(target, orderId, plusMillis(original, i));
                awaitBronzeEqualsMySql(target, stack);
            }
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 1; i <= CHANGES_DURING; i++) {
                        setUpdatedAt(target, orderId, plusMillis(original, 100 + i));
                        Thread.sleep(250);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException("changing order " + orderId + " in MySQL", e);
                }
            });
            Cli.Run maintain = Cli.run(stack.layout().stateDir(), stack.portOverrides(), "maintain", "--json");
            writer.join();
            assertEquals(0, maintain.exit(), maintain.out() + maintain.err());
            Map<String, JsonNode> compacted = byTable(maintain.out());
            assertEquals(StreamingJob.allBronzeTables(), List.copyOf(compacted.keySet()), maintain.out());
            JsonNode orders = compacted.get("bronze.orders");
            System.out.println("[maintain] beside CDC: " + compacted.values());
            assertTrue(orders.path("before").path("dataFiles").asLong() >= CHANGES_BEFORE, "each change waited "
                    + "for in bronze gave bronze.orders a data file of its own: " + orders);
            assertTrue(rewritten(stack, "orders"), "a rewrite of bronze.orders committed beside CDC: " + orders);
        } finally {
            setUpdatedAt(target, orderId, original);
        }
        awaitBronzeEqualsMySql(target, stack);
        assertEquals(events, eventsDigest(stack), "bronze.events holds the rows it held before the compaction");

        // the quiet stack: every table that had more than one data file or an equality delete to apply is left
        // with one data file and no equality delete that applies to it
        Cli.Run again = Cli.run(stack.layout().stateDir(), stack.portOverrides(), "maintain", "--json");
        assertEquals(0, again.exit(), again.out() + again.err());
        System.out.println("[maintain] quiet: " + byTable(again.out()).values());
        for (JsonNode table : byTable(again.out()).values()) {
            JsonNode after = table.path("after");
            JsonNode before = table.path("before");
            if (before.path("dataFiles").asLong() > 1 || before.path("applyingEqualityDeletes").asLong() > 0) {
                assertEquals(1, after.path("dataFiles").asLong(), "one data file left: " + table);
                assertEquals(0, after.path("applyingEqualityDeletes").asLong(), "no equality delete applies: " + table);
            }
        }
        awaitBronzeEqualsMySql(target, stack);
        assertEquals(events, eventsDigest(stack), "bronze.events after the second compaction");
    }

    @Test
    @Order(2)
    void aRewriteIsNotNewDataForSilverButAChangeBeforeItIs(LocalStack stack) throws Exception {
        ProbeTarget target = target(stack);
        FirstOrder first = FirstOrder.of(target);
        long orderId = first.id();
        Timestamp original = first.updatedAt();
        String changed;
        try {
            // silver reads a change; a compaction after that is the same rows: silver's MERGE of orders is skipped
            setUpdatedAt(target, orderId, plusMillis(original, 1000));
            awaitBronzeEqualsMySql(target, stack);
            assertFalse(silverOrdersMerge(transformSilver(stack)).contains("skipped"), "the change ran the MERGE");
            changed = silverEqualsBronze(stack, orderId);
            assertTrue(maintain(stack).contains("lakehouse.bronze.orders: rewritten with no row changed"),
                    "the rewrite of bronze.orders recorded its rows' version");
            String line = silverOrdersMerge(transformSilver(stack));
            assertTrue(line.contains("skipped: no input has changed since its last merge"), line);
        } finally {
            setUpdatedAt(target, orderId, original);
        }
        // a change, then a compaction before silver runs: the MERGE runs, and silver holds the change
        awaitBronzeEqualsMySql(target, stack);
        assertTrue(maintain(stack).contains("lakehouse.bronze.orders: rewritten with no row changed"),
                "bronze.orders was rewritten after the change");
        String line = silverOrdersMerge(transformSilver(stack));
        assertFalse(line.contains("skipped"), "a change before the rewrite is new to silver: " + line);
        assertNotEquals(changed, silverEqualsBronze(stack, orderId), "silver holds the order as it was set back");
    }

    /** The first order of the shop in MySQL: its id and its updated_at, which the tests change and set back. */
    private record FirstOrder(long id, Timestamp updatedAt) {
        static FirstOrder of(ProbeTarget target) throws SQLException {
            try (Connection mysql = ShopDatabase.connect(target); Statement sql = mysql.createStatement();
                 ResultSet row = sql.executeQuery("SELECT order_id, updated_at FROM orders ORDER BY order_id LIMIT 1")) {
                assertTrue(row.next(), "no order in shop.orders: has the stack been seeded?");
                return new FirstOrder(row.getLong(1), row.getTimestamp(2));
            }
        }
    }

    private static ProbeTarget target(LocalStack stack) {
        return new ProbeTarget(stack.endpoints().host(), stack.endpoints().ports(), stack.endpoints().secrets());
    }

    private static String maintain(LocalStack stack) {
        Cli.Run maintain = Cli.run(stack.layout().stateDir(), stack.portOverrides(), "maintain");
        assertEquals(0, maintain.exit(), maintain.out() + maintain.err());
        return maintain.out();
    }

    private static String transformSilver(LocalStack stack) {
        Cli.Run silver = Cli.run(stack.layout().stateDir(), stack.portOverrides(), "transform", "silver");
        assertEquals(0, silver.exit(), silver.out() + silver.err());
        return silver.out();
    }

    /** The runner's line for the MERGE into silver.orders. */
    private static String silverOrdersMerge(String out) {
        return out.lines().filter(l -> l.contains("MERGE INTO lakehouse.silver.orders:")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for the MERGE into silver.orders in: " + out));
    }

    /** Silver's updated_at of the order, asserted equal to bronze's (read through Trino). */
    private static String silverEqualsBronze(LocalStack stack, long orderId) throws SQLException {
        try (Connection trino = stack.endpoints().trino();
             PreparedStatement sql = trino.prepareStatement("SELECT CAST(s.updated_at AS varchar), "
                     + "CAST(b.updated_at AS varchar) FROM lakehouse.silver.orders s JOIN lakehouse.bronze.orders b "
                     + "ON s.order_id = b.order_id WHERE s.order_id = ?")) {
            sql.setLong(1, orderId);
            try (ResultSet rs = sql.executeQuery()) {
                assertTrue(rs.next(), "order " + orderId + " is in silver");
                assertEquals(rs.getString(2), rs.getString(1), "silver's updated_at of order " + orderId);
                return rs.getString(1);
            }
        }
    }

    private static Map<String, JsonNode> byTable(String json) throws Exception {
        Map<String, JsonNode> tables = new LinkedHashMap<>();
        new ObjectMapper().readTree(json).forEach(t -> tables.put(t.path("table").asText(), t));
        return tables;
    }

    private static Timestamp plusMillis(Timestamp t, int millis) {
        return new Timestamp(t.getTime() + millis);
    }

    private static void setUpdatedAt(ProbeTarget target, long orderId, Timestamp updatedAt) throws SQLException {
        try (Connection mysql = ShopDatabase.connect(target);
             PreparedStatement update = mysql.prepareStatement("UPDATE orders SET updated_at = ? WHERE order_id = ?")) {
            update.setTimestamp(1, updatedAt);
            update.setLong(2, orderId);
            assertEquals(1, update.executeUpdate(), "order " + orderId + " updated");
        }
    }

    /** Whether bronze.orders' history has a rewrite ('replace') snapshot. */
    private static boolean rewritten(LocalStack stack, String table) throws SQLException {
        try (Connection trino = stack.endpoints().trino(); Statement sql = trino.createStatement();
             ResultSet rs = sql.executeQuery("SELECT count(*) FROM lakehouse.bronze.\"" + table
                     + "$snapshots\" WHERE operation = 'replace'")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    /** Row count and an order-independent checksum of every column of bronze.events (whatever its columns are). */
    private static String eventsDigest(LocalStack stack) throws SQLException {
        try (Connection trino = stack.endpoints().trino(); Statement sql = trino.createStatement()) {
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = sql.executeQuery("SELECT column_name FROM lakehouse.information_schema.columns "
                    + "WHERE table_schema = 'bronze' AND table_name = 'events' ORDER BY ordinal_position")) {
                while (rs.next()) {
                    columns.add("coalesce(CAST(\"" + rs.getString(1) + "\" AS varchar), '<null>')");
                }
            }
            assertTrue(columns.size() > 1, "bronze.events has columns: " + columns);
            try (ResultSet rs = sql.executeQuery("SELECT count(*), to_hex(checksum(to_utf8(concat_ws('|', "
                    + String.join(", ", columns) + ")))) FROM lakehouse.bronze.events")) {
                rs.next();
                return rs.getLong(1) + " rows, checksum " + rs.getString(2);
            }
        }
    }

    /** Until every bronze CDC table holds MySQL's rows, column for column. */
    private static void awaitBronzeEqualsMySql(ProbeTarget target, LocalStack stack) throws Exception {
        long began = System.nanoTime();
        List<String> behind = new ArrayList<>();
        boolean equal = CDC.awaitChecked(() -> {
            behind.clear();
            try (Connection mysql = ShopDatabase.connect(target); Statement source = mysql.createStatement();
                 Connection trino = stack.endpoints().trino(); Statement bronze = trino.createStatement()) {
                for (ShopTable table : ShopSchema.TABLES) {
                    if (!ShopFingerprint.of(source, ShopFingerprint.mysqlQuery(table)).equals(
                            ShopFingerprint.of(bronze, ShopFingerprint.trinoQuery(table, "lakehouse.bronze")))) {
                        behind.add(table.name());
                    }
                }
            }
            return behind.isEmpty();
        });
        if (!equal) {
            fail("bronze " + behind + " did not equal MySQL within " + CDC.timeout().toMinutes() + " min");
        }
        System.out.printf("[maintain] bronze equals MySQL after %.1f s%n", (System.nanoTime() - began) / 1e9);
    }
}
