package io.lakehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engines contract on the local runtime, plus what only runs here: schema evolution made in Trino seen by
 * Spark, and time travel by snapshot id in both directions.
 */
@Order(1)
@LocalStackTest
class LocalEnginesIT extends EnginesContract {
    private StackEndpoints endpoints;

    @BeforeEach
    void stack(LocalStack stack) {
        endpoints = stack.endpoints();
    }

    @Override
    StackEndpoints endpoints() {
        return endpoints;
    }

    @Test
    void schemaEvolutionInTrinoIsSeenBySparkAndTimeTravelWorksBothWays() throws Exception {
        String connect = "sc://127.0.0.1:" + endpoints().port("SPARK_CONNECT_PORT");
        try (Connection trino = endpoints().trino(); Statement sql = trino.createStatement()) {
            sql.execute("CREATE SCHEMA IF NOT EXISTS lakehouse.it_engines");
            sql.execute("DROP TABLE IF EXISTS lakehouse.it_engines.trino_orders");
            sql.execute("CREATE TABLE lakehouse.it_engines.trino_orders AS "
                    + "SELECT orderkey, orderpriority, totalprice FROM tpch.tiny.orders");
            long original = longValue(sql, "SELECT count(*) FROM lakehouse.it_engines.trino_orders");
            long before = longValue(sql, "SELECT snapshot_id FROM lakehouse.it_engines.\"trino_orders$snapshots\" "
                    + "ORDER BY committed_at DESC LIMIT 1");
            sql.execute("ALTER TABLE lakehouse.it_engines.trino_orders ADD COLUMN channel varchar");
            sql.execute("INSERT INTO lakehouse.it_engines.trino_orders "
                    + "SELECT orderkey + 10000000, orderpriority, totalprice, 'web' FROM tpch.tiny.orders "
                    + "WHERE orderkey <= 1000");
            long added = longValue(sql, "SELECT count(*) FROM tpch.tiny.orders WHERE orderkey <= 1000");
            assertTrue(added > 0);

            JsonNode evolved = spark(connect, "evolved", Long.toString(before));
            assertTrue(evolved.get("columns").toString().contains("\"channel\""), "Spark sees the new column: " + evolved);
            assertEquals(original + added, evolved.get("n").asLong());
            assertEquals(added, evolved.get("channel").asLong(), "only the new rows have a channel");
            assertEquals(original, evolved.get("n_then").asLong(), "Spark's VERSION AS OF the Trino snapshot");

            // The other way: Spark commits again, Trino reads the table as it was before that commit.
            spark(connect, "write");
            JsonNode appended = spark(connect, "append");
            assertEquals(125_000, appended.get("n").asLong());
            assertEquals(appended.get("n").asLong(),
                    longValue(sql, "SELECT count(*) FROM lakehouse.it_engines.spark_events"));
            assertEquals(120_000, longValue(sql, "SELECT count(*) FROM lakehouse.it_engines.spark_events "
                    + "FOR VERSION AS OF " + appended.get("before").asLong()));
        }
    }

}
