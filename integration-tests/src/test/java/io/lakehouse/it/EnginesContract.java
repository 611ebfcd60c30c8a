package io.lakehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two engines, one catalog, whichever runtime runs them: a partitioned Iceberg table written by Spark (through
 * Spark Connect, from a Python client in a venv the test makes from PyPI) is read by Trino with the same count and
 * aggregates, and a table written by Trino is read by Spark the same way.
 */
abstract class EnginesContract {
    static final ObjectMapper JSON = new ObjectMapper();

    abstract StackEndpoints endpoints();

    @Test
    void sparkWritesTrinoReadsAndTrinoWritesSparkReads() throws Exception {
        String connect = "sc://127.0.0.1:" + endpoints().port("SPARK_CONNECT_PORT");
        JsonNode written = spark(connect, "write");
        assertEquals(120_000, written.get("n").asLong());
        assertEquals(119_999L * 120_000L / 2, written.get("s").asLong());
        assertEquals(10, written.get("b").asInt());

        try (Connection trino = endpoints().trino(); Statement sql = trino.createStatement()) {
            try (ResultSet rs = sql.executeQuery("SELECT count(*), sum(id), count(DISTINCT bucket) "
                    + "FROM lakehouse.it_engines.spark_events")) {
                assertTrue(rs.next());
                assertEquals(written.get("n").asLong(), rs.getLong(1));
                assertEquals(written.get("s").asLong(), rs.getLong(2));
                assertEquals(written.get("b").asInt(), rs.getInt(3));
            }
            try (ResultSet rs = sql.executeQuery("SELECT count(*) FROM lakehouse.it_engines.\"spark_events$partitions\"")) {
                assertTrue(rs.next());
                assertEquals(10, rs.getInt(1), "Trino sees Spark's 10 partitions");
            }
            sql.execute("DROP TABLE IF EXISTS lakehouse.it_engines.trino_orders");
            sql.execute("CREATE TABLE lakehouse.it_engines.trino_orders AS "
                    + "SELECT orderkey, orderpriority, totalprice FROM tpch.tiny.orders");
            try (ResultSet rs = sql.executeQuery("SELECT count(*), sum(orderkey), count(DISTINCT orderpriority) "
                    + "FROM lakehouse.it_engines.trino_orders")) {
                assertTrue(rs.next());
                JsonNode read = spark(connect, "read");
                assertEquals(rs.getLong(1), read.get("n").asLong());
                assertEquals(rs.getLong(2), read.get("s").asLong());
                assertEquals(rs.getInt(3), read.get("b").asInt());
            }
        }
    }

    static long longValue(Statement sql, String query) throws Exception {
        try (ResultSet rs = sql.executeQuery(query)) {
            assertTrue(rs.next(), "no row from " + query);
            return rs.getLong(1);
        }
    }

    /** Runs the Python Spark Connect client; its last output line is the JSON result. */
    static JsonNode spark(String connect, String action, String... args) throws Exception {
        Path python = SparkClientVenv.python();
        Path script = Path.of(System.getProperty("lakehouse.home"), "integration-tests/src/test/resources/spark/roundtrip.py");
        List<String> command = new ArrayList<>(List.of(python.toString(), script.toString(), connect, action));
        command.addAll(List.of(args));
        String output = ExternalCommand.run(Duration.ofSeconds(300), command).assertSucceeded("the Spark client").output();
        List<String> lines = new ArrayList<>(output.lines().filter(l -> l.startsWith("{")).toList());
        assertTrue(!lines.isEmpty(), "no result from the Spark client:\n" + output);
        return JSON.readTree(lines.get(lines.size() - 1));
    }

    /** A venv under target/ with pyspark-client at the pinned Spark version, made once from PyPI. */
    static final class SparkClientVenv {
        static synchronized Path python() throws Exception {
            Path venv = Path.of(System.getProperty("lakehouse.it.stateDir")).getParent().resolve("spark-client-venv");
            Path python = venv.resolve("bin/python");
            Path marker = venv.resolve(".installed-" + System.getProperty("lakehouse.it.sparkVersion"));
            if (!Files.exists(marker)) {
                run(List.of("python3", "-m", "venv", venv.toString()));
                run(List.of(python.toString(), "-m", "pip", "install", "--quiet",
                        "pyspark-client==" + System.getProperty("lakehouse.it.sparkVersion")));
                Files.createFile(marker);
            }
            return python;
        }

        private static void run(List<String> command) throws Exception {
            ExternalCommand.run(Duration.ofSeconds(600), command).assertSucceeded(String.join(" ", command));
        }
    }
}
