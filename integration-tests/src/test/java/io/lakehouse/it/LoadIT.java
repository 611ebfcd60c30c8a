package io.lakehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code lakehouse load} of one directory mixing CSV, TSV, gzip, XML and JSON lines into the stack's catalog
 * (metastore + HDFS), read back through Trino: every file's records in = its rows + its quarantined records,
 * values exactly as written (leading zeros, a tab inside quotes, decimals' scale), and a second load of the same
 * directory replaces instead of adding.
 */
@Order(1)
@LocalStackTest
class LoadIT {
    @TempDir
    Path dir;

    @Test
    void aMixedDirectoryLandsFileByFileAndReadsBackThroughTrino(LocalStack stack) throws Exception {
        Files.writeString(dir.resolve("a.csv"), "id,name,amount,zip\n1,Ana,1.50,00501\n2,\"Bo, Jr.\",2.50,08123\n"
                + "3,\"never closed,3.50,10001\n\n4,Di,4.50,99999\n");
        Files.writeString(dir.resolve("b.tsv"), "id\tname\tamount\tzip\n5\t\"Ed\tx\"\t5.50\t00000\n6\tFa\t6.50\n");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write("id;name;amount;zip\n7;Gü;7.50;01234\n".getBytes(StandardCharsets.UTF_8));
        }
        Files.write(dir.resolve("c.csv.gz"), gz.toByteArray());
        Files.writeString(dir.resolve("d.xml"), "<?xml version=\"1.0\"?>\n<rows>\n"
                + "  <row id=\"8\"><name>Ha</name><amount>8.50</amount><zip>00808</zip></row>\n"
                + "  <row id=\"9\"><name>Io &amp; Jo</name><amount>9.50</amount><zip>00909</zip></row>\n</rows>\n");
        Files.writeString(dir.resolve("e.jsonl"), "{\"id\":10,\"name\":\"Ka\",\"amount\":10.50,\"zip\":\"01010\"}\n"
                + "{\"id\":11,\"name\":\"Lu\",\"amount\":11.50,\"zip\":\"01111\"}/* trailing */\n");
        Map<String, long[]> expected = Map.of( // records in, landed
                "a.csv", new long[]{4, 3}, "b.tsv", new long[]{2, 1}, "c.csv.gz", new long[]{1, 1},
                "d.xml", new long[]{2, 2}, "e.jsonl", new long[]{2, 1});

        try (Connection trino = stack.endpoints().trino(); Statement sql = trino.createStatement()) {
            // the stack may be one an earlier run used: start from no table (a run's files have other paths)
            sql.execute("CREATE SCHEMA IF NOT EXISTS lakehouse.it_load");
            sql.execute("DROP TABLE IF EXISTS lakehouse.it_load.mixed");
            sql.execute("DROP TABLE IF EXISTS lakehouse.it_load.quarantine");
        }
        JsonNode result = load(stack);
        assertEquals(11, result.get("records_in").asLong(), result.toString());
        assertEquals(8, result.get("landed").asLong(), result.toString());
        assertEquals(3, result.get("quarantined").asLong(), result.toString());
        Map<String, Long> landedByFile = new HashMap<>();
        for (JsonNode f : result.get("files")) {
            String name = Path.of(f.get("source_file").asText()).getFileName().toString();
            assertEquals(expected.get(name)[0], f.get("records_in").asLong(), name);
            assertEquals(expected.get(name)[1], f.get("landed").asLong(), name);
            landedByFile.put(f.get("source_file").asText(), f.get("landed").asLong());
        }

        try (Connection trino = stack.endpoints().trino(); Statement sql = trino.createStatement()) {
            assertEquals("8", single(sql, "SELECT count(*) FROM lakehouse.it_load.mixed"));
            assertEquals("3", single(sql, "SELECT count(*) FROM lakehouse.it_load.quarantine "
                    + "WHERE source = 'it_load.mixed'"));
            try (ResultSet rs = sql.executeQuery("SELECT \"_source_file\", count(*) FROM lakehouse.it_load.mixed "
                    + "GROUP BY 1")) {
                Map<String, Long> byFile = new HashMap<>();
                while (rs.next()) {
                    byFile.put(rs.getString(1), rs.getLong(2));
                }
                landedByFile.values().removeIf(n -> n == 0);
                assertEquals(landedByFile, byFile);
            }
            assertEquals("00501|Ana|1.50", single(sql, "SELECT zip || '|' || name || '|' || CAST(amount AS varchar) "
                    + "FROM lakehouse.it_load.mixed WHERE id = 1"));
            assertEquals("Ed\tx|00000", single(sql, "SELECT name || '|' || zip FROM lakehouse.it_load.mixed WHERE id = 5"));
            assertEquals("Gü|01234|7.50", single(sql, "SELECT name || '|' || zip || '|' || CAST(amount AS varchar) "
                    + "FROM lakehouse.it_load.mixed WHERE id = 7"));
            assertEquals("Io & Jo|/rows/row[2]", single(sql, "SELECT name || '|' || \"_source_path\" "
                    + "FROM lakehouse.it_load.mixed WHERE id = 9"));
            assertEquals("line 4", single(sql, "SELECT location FROM lakehouse.it_load.quarantine "
                    + "WHERE source = 'it_load.mixed' AND source_file LIKE '%a.csv'"));
        }

        JsonNode again = load(stack);
        assertEquals(8, again.get("landed").asLong());
        try (Connection trino = stack.endpoints().trino(); Statement sql = trino.createStatement()) {
            assertEquals("8", single(sql, "SELECT count(*) FROM lakehouse.it_load.mixed"));
            assertEquals("3", single(sql, "SELECT count(*) FROM lakehouse.it_load.quarantine "
                    + "WHERE source = 'it_load.mixed'"));
        }
    }

    private JsonNode load(LocalStack stack) throws Exception {
        Cli.Run run = Cli.run(stack.layout().stateDir(), stack.portOverrides(), "load", "--json", "--into",
                "it_load.mixed", dir.toString(), "--runtime", "local");
        assertEquals(0, run.exit(), run.err() + run.out());
        JsonNode result = new ObjectMapper().readTree(run.out());
        assertTrue(result.get("records_in").asLong() == result.get("landed").asLong()
                + result.get("quarantined").asLong(), result.toString());
        return result;
    }

    private static String single(Statement sql, String query) throws Exception {
        try (ResultSet rs = sql.executeQuery(query)) {
            assertTrue(rs.next(), query);
            return rs.getString(1);
        }
    }

}
