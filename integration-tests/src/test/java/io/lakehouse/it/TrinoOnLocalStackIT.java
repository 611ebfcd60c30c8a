package io.lakehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trino on the shared local stack: Iceberg tables in the catalog {@code lakehouse} (metastore + HDFS) written and
 * read back with the same aggregates as their source, schema evolution, time travel by snapshot id, and
 * {@code lakehouse sql} in its three formats with Trino's own one-line error.
 */
@Order(1)
@LocalStackTest
class TrinoOnLocalStackIT {

    @Test
    void icebergTableMatchesItsSourceEvolvesAndTravelsInTime(LocalStack stack) throws Exception {
        try (Connection trino = stack.endpoints().trino(); Statement sql = trino.createStatement()) {
            sql.execute("CREATE SCHEMA IF NOT EXISTS lakehouse.it_trino");
            sql.execute("DROP TABLE IF EXISTS lakehouse.it_trino.orders");
            sql.execute("CREATE TABLE lakehouse.it_trino.orders WITH (partitioning = ARRAY['orderpriority']) AS "
                    + "SELECT orderkey, custkey, orderpriority, totalprice FROM tpch.tiny.orders");
            assertEquals(single(sql, "SELECT CAST(count(*) AS varchar) || '/' || CAST(CAST(sum(totalprice) AS decimal(18, 2)) AS varchar) FROM tpch.tiny.orders"),
                    single(sql, "SELECT CAST(count(*) AS varchar) || '/' || CAST(CAST(sum(totalprice) AS decimal(18, 2)) AS varchar) "
                            + "FROM lakehouse.it_trino.orders"));
            String firstSnapshot = single(sql, "SELECT snapshot_id FROM lakehouse.it_trino.\"orders$snapshots\" "
                    + "ORDER BY committed_at LIMIT 1");

            sql.execute("ALTER TABLE lakehouse.it_trino.orders ADD COLUMN channel varchar");
            sql.execute("INSERT INTO lakehouse.it_trino.orders VALUES (999999, 1, '1-URGENT', 10.50, 'web')");
            assertEquals("15001", single(sql, "SELECT count(*) FROM lakehouse.it_trino.orders"));
            assertEquals("web", single(sql, "SELECT channel FROM lakehouse.it_trino.orders WHERE orderkey = 999999"));
            assertEquals("15000", single(sql, "SELECT count(*) FROM lakehouse.it_trino.orders FOR VERSION AS OF "
                    + firstSnapshot));
            String files = single(sql, "SELECT min(file_path) FROM lakehouse.it_trino.\"orders$files\"");
            assertTrue(files.startsWith("hdfs://") && files.contains("/warehouse/it_trino.db/orders/"), files);
        }
    }

    @Test
    void sqlCommandPrintsTableCsvAndJsonAndOneLineErrors(LocalStack stack) throws Exception {
        String query = "SELECT name, regionkey FROM tpch.tiny.region WHERE regionkey < 2 ORDER BY regionkey";
        Cli.Run table = cli(stack, "sql", "-e", query);
        assertEquals(0, table.exit(), table.err());
        assertEquals(5, table.out().strip().lines().count(), table.out());
        assertTrue(table.out().contains("AFRICA") && table.out().contains("(2 rows)"), table.out());

        Cli.Run csv = cli(stack, "sql", "--format", "csv", "-e", query);
        assertEquals("name,regionkey\nAFRICA,0\nAMERICA,1\n", csv.out().replace("\r\n", "\n"));

        Cli.Run json = cli(stack, "sql", "--format", "json", "-e", query);
        JsonNode rows = new ObjectMapper().readTree(json.out());
        assertEquals(2, rows.size());
        assertEquals("AMERICA", rows.get(1).get("name").asText());
        assertEquals(1, rows.get(1).get("regionkey").asInt());

        Cli.Run bad = cli(stack, "sql", "-e", "SELECT nope FROM tpch.tiny.region");
        assertEquals(1, bad.exit());
        assertEquals("error: line 1:8: Column 'nope' cannot be resolved", bad.err().strip());
    }

    private static String single(Statement sql, String query) throws Exception {
        try (ResultSet rs = sql.executeQuery(query)) {
            assertTrue(rs.next(), query);
            return rs.getString(1);
        }
    }

    private static Cli.Run cli(LocalStack stack, String... args) {
        List<String> argv = new ArrayList<>(List.of(args));
        argv.addAll(List.of("--runtime", "local"));
        return Cli.run(stack.layout().stateDir(), stack.portOverrides(), argv.toArray(String[]::new));
    }
}
