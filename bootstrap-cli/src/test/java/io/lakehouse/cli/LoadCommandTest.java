package io.lakehouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehouse.seed.files.LakehouseCatalog;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code lakehouse load} on messy files into a local Hadoop-catalog warehouse (no stack needed). */
class LoadCommandTest {
    static final Path FIXTURES = Path.of(System.getProperty("lakehouse.home", "..")).resolve(
            "bootstrap-cli/src/test/resources/load");

    @TempDir
    Path warehouse;

    private String lastOut;

    private JsonNode load(String table, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("load", "--json", "--into", table,
                "--local-warehouse", warehouse.toString()));
        all.addAll(List.of(args));
        CommandLine cli = LakehouseCommand.commandLine(name -> null);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(all.toArray(String[]::new));
        assertEquals(0, exit, "exit code; stderr: " + err);
        lastOut = out.toString();
        return new ObjectMapper().readTree(lastOut);
    }

    private List<Record> rows(String table) throws Exception {
        Catalog catalog = LakehouseCatalog.localHadoop(warehouse);
        List<Record> rows = new ArrayList<>();
        try (CloseableIterable<Record> it = IcebergGenerics.read(catalog.loadTable(TableIdentifier.parse(table)))
                .build()) {
            it.forEach(r -> rows.add(r.copy()));
        }
        return rows;
    }

    private static void assertCounts(JsonNode result, long in, long landed, long quarantined) {
        assertEquals(in, result.get("records_in").asLong(), result.toString());
        assertEquals(landed, result.get("landed").asLong(), result.toString());
        assertEquals(quarantined, result.get("quarantined").asLong(), result.toString());
    }

    @Test
    void latin1SemicolonsQuotedNewlinesAndAnEditedSchema(@TempDir Path tmp) throws Exception {
        JsonNode result = load("raw.kunden", FIXTURES.resolve("semicolon-latin1.csv").toString());
        assertCounts(result, 5, 5, 0);
        JsonNode schema = result.get("schema");
        assertEquals(";", schema.get("delimiter").asText());
        assertTrue(schema.get("header").asBoolean());
        assertEquals("windows-1252", schema.get("encoding").asText());
        assertEquals("umsatz", schema.get("columns").get(3).get("name").asText());
        assertEquals("decimal(18,2)", schema.get("columns").get(3).get("type").asText());
        List<Record> rows = rows("raw.kunden");
        assertTrue(rows.stream().anyMatch(r -> "Jürgen Müller".equals(r.getField("name"))), rows.toString());
        assertTrue(rows.stream().anyMatch(r -> "Weiß; Anna".equals(r.getField("name"))));
        assertTrue(rows.stream().anyMatch(r -> "Søren \"the Dane\"\r\nNielsen".equals(r.getField("name"))));
        assertTrue(rows.stream().anyMatch(r -> new BigDecimal("1234.50").equals(r.getField("umsatz"))));

        // the printed schema, edited (seit is a date), passed back: the same file is replaced, one bad date
        String edited = schema.toString().replace("{\"name\":\"seit\",\"type\":\"string\"",
                "{\"name\":\"seit\",\"type\":\"date\"");
        assertTrue(edited.contains("\"type\":\"date\""), edited);
        Path schemaFile = Files.writeString(tmp.resolve("kunden.json"), edited);
        result = load("raw.kunden_typed", "--schema", schemaFile.toString(),
                FIXTURES.resolve("semicolon-latin1.csv").toString());
        assertCounts(result, 5, 4, 1);
        assertEquals(1, result.get("files").get(0).get("quarantined_by_reason").get("bad_date").asLong());
        Record bad = rows("raw.quarantine").stream().filter(r -> r.getField("source").equals("raw.kunden_typed"))
                .findFirst().orElseThrow();
        assertEquals("line 6", bad.getField("location"));
        assertEquals("4;François Lefèvre;Paris;10.00;31.12.2022", bad.getField("raw"));
    }

    @Test
    void bomTabsGzipPipesWithoutHeaderAndReloadDoesNotDuplicate() throws Exception {
        JsonNode tsv = load("raw.tsv", FIXTURES.resolve("bom-tab.tsv").toString());
        assertCounts(tsv, 4, 3, 1);
        assertEquals("id", tsv.get("schema").get("columns").get(0).get("name").asText());
        assertEquals("timestamp", tsv.get("schema").get("columns").get(2).get("type").asText());
        assertEquals(1, tsv.get("files").get(0).get("quarantined_by_reason").get("wrong_column_count").asLong());
        assertTrue(rows("raw.tsv").stream().anyMatch(r -> "quoted\ttab".equals(r.getField("note"))));

        JsonNode gz = load("raw.pipes", FIXTURES.resolve("pipe-noheader.csv.gz").toString());
        assertCounts(gz, 100, 100, 0);
        assertEquals("|", gz.get("schema").get("delimiter").asText());
        assertEquals(false, gz.get("schema").get("header").asBoolean());
        load("raw.pipes", FIXTURES.resolve("pipe-noheader.csv.gz").toString());
        List<Record> rows = rows("raw.pipes");
        assertEquals(100, rows.size(), "a reload replaces the file's rows");
        assertEquals(1L, rows.stream().filter(r -> r.getField("column_1").equals(42L)).count());
    }

    @Test
    void jsonLinesBrokenQuotesAndCutXmlAreQuarantinedNotDropped() throws Exception {
        JsonNode jsonl = load("raw.events", FIXTURES.resolve("events.jsonl").toString());
        assertCounts(jsonl, 6, 4, 2);
        assertEquals("user.country", jsonl.get("schema").get("columns").get(2).get("source").asText());
        assertEquals("timestamptz", jsonl.get("schema").get("columns").get(4).get("type").asText());

        JsonNode csv = load("raw.broken", FIXTURES.resolve("broken-quote.csv").toString());
        assertCounts(csv, 4, 3, 1); // the stray quote costs its own line, not the rest of the file
        Record rest = rows("raw.quarantine").stream().filter(r -> r.getField("source").equals("raw.broken"))
                .findFirst().orElseThrow();
        assertTrue(rest.getField("reason").toString().startsWith("unparseable:"), rest.toString());
        assertEquals("2,\"never closed", rest.getField("raw"), rest.toString());
        assertEquals("line 3", rest.getField("location"));

        JsonNode xml = load("raw.feed", FIXTURES.resolve("feed.xml").toString());
        assertCounts(xml, 3, 2, 1);
        assertEquals("/feed/item", xml.get("schema").get("record").asText());
        assertTrue(rows("raw.feed").stream().anyMatch(r -> "Café".equals(r.getField("title"))));
    }
}
