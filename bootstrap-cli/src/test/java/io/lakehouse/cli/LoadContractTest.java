package io.lakehouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehouse.seed.files.LakehouseCatalog;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The load contract on the nastiest small files we could write: every value lands as written or its record is
 * quarantined, every record is counted (records in = landed + quarantined = the count taken independently), and
 * a refused command writes nothing.
 */
class LoadContractTest {
    @TempDir
    Path warehouse;
    @TempDir
    Path files;

    private int exit;
    private String stderr;

    private JsonNode run(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("load", "--json", "--local-warehouse", warehouse.toString()));
        all.addAll(List.of(args));
        CommandLine cli = LakehouseCommand.commandLine(name -> null);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        exit = cli.execute(all.toArray(String[]::new));
        stderr = err.toString();
        return new ObjectMapper().readTree(out.toString());
    }

    private JsonNode load(String table, Path... paths) throws Exception {
        List<String> args = new ArrayList<>(List.of("--into", table));
        for (Path p : paths) {
            args.add(p.toString());
        }
        JsonNode result = run(args.toArray(String[]::new));
        assertEquals(0, exit, "exit; stderr: " + stderr + " out: " + result);
        assertEquals(result.get("records_in").asLong(),
                result.get("landed").asLong() + result.get("quarantined").asLong(), result.toString());
        return result;
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(files.resolve(name), text, StandardCharsets.UTF_8);
    }

    private List<Record> rows(String table) throws IOException {
        Catalog catalog = LakehouseCatalog.localHadoop(warehouse);
        List<Record> rows = new ArrayList<>();
        try (CloseableIterable<Record> it = IcebergGenerics.read(catalog.loadTable(TableIdentifier.parse(table)))
                .build()) {
            it.forEach(r -> rows.add(r.copy()));
        }
        rows.sort(Comparator.comparing(r -> String.valueOf(r.getField(
                r.struct().fields().get(0).name()))));
        return rows;
    }

    private static List<String> columnNames(JsonNode result) {
        List<String> names = new ArrayList<>();
        result.get("schema").get("columns").forEach(c -> names.add(c.get("name").asText()));
        return names;
    }

    @Test
    void namesThatDifferOnlyInCaseOrRepeatKeepTheirOwnValues() throws Exception {
        JsonNode result = load("raw.people", write("people.csv", "Name,name,x,x\nAna,ana,1,2\nBo,bo,3,4\n"));
        assertEquals(List.of("name", "name_2", "x", "x_2"), columnNames(result));
        assertTrue(result.get("schema").get("header").asBoolean());
        Record ana = rows("raw.people").get(0);
        assertEquals("Ana", ana.getField("name"));
        assertEquals("ana", ana.getField("name_2"));
        assertEquals(1L, ana.getField("x"));
        assertEquals(2L, ana.getField("x_2"));
        Table table = LakehouseCatalog.localHadoop(warehouse).loadTable(TableIdentifier.parse("raw.people"));
        assertEquals("Name", table.properties().get("lakehouse.column.name.source"), table.properties().toString());
    }

    @Test
    void emptyAndNumericHeaderCellsAreStillAHeader() throws Exception {
        // the usual Excel export: a trailing delimiter in the header, in some rows and not in others
        JsonNode excel = load("raw.excel", write("excel.csv", "id,city,\n1,Oslo,\n2,Bergen\n3,Tromsø,\n"));
        assertEquals(List.of("id", "city", "column_3"), columnNames(excel));
        assertEquals(3, excel.get("landed").asLong(), excel.toString());
        assertEquals("Tromsø", rows("raw.excel").get(2).getField("city"));

        JsonNode years = load("raw.years", write("years.csv", "country,2019,2020\nFrance,1.5,2.5\nSpain,3.5,4.5\n"));
        assertEquals(List.of("country", "c_2019", "c_2020"), columnNames(years));
        assertEquals(2, years.get("records_in").asLong());

        JsonNode forced = run("--into", "raw.forced", "--header", write("forced.csv", "a,,c\nx,y,z\n").toString());
        assertEquals(0, exit, stderr);
        assertEquals(List.of("a", "column_2", "c"), columnNames(forced));
        assertEquals("y", rows("raw.forced").get(0).getField("column_2"));
    }

    @Test
    void leadingZerosPlusSignsAndMixedFormatsStayText() throws Exception {
        JsonNode result = load("raw.codes", write("codes.csv",
                "zip,id,phone,price,flag,at\n"
                        + "00501,08123,+4712345678,12,TRUE,2024-01-01T10:00:00+02:00\n"
                        + "10001,1,+4798765432,12.50,false,2024-01-02T10:00:00Z\n"));
        result.get("schema").get("columns").forEach(c -> assertEquals("string", c.get("type").asText(), c.toString()));
        Record first = rows("raw.codes").get(0);
        assertEquals("00501", first.getField("zip"));
        assertEquals("08123", first.getField("id"));
        assertEquals("+4712345678", first.getField("phone"));
        assertEquals("12", first.getField("price"));
        assertEquals("TRUE", first.getField("flag"));
        assertEquals("2024-01-01T10:00:00+02:00", first.getField("at"));

        JsonNode typed = load("raw.typed", write("typed.csv", "n,d,b\n1,1.50,true\n-20,0.25,false\n"));
        assertEquals("long", typed.get("schema").get("columns").get(0).get("type").asText());
        assertEquals("decimal(18,2)", typed.get("schema").get("columns").get(1).get("type").asText());
        assertEquals(new BigDecimal("1.50"), rows("raw.typed").stream().filter(r -> r.getField("n").equals(1L))
                .findFirst().orElseThrow().getField("d"));
    }

    @Test
    void aSpaceAfterTheDelimiterIsLoadedAsWritten() throws Exception {
        StringBuilder csv = new StringBuilder("Date, Open, Close\n");
        for (int i = 0; i < 251; i++) {
            csv.append(String.format("2020-%02d-%02d, %d.50, %d.00%n", 1 + i / 28, 1 + i % 28, 10 + i, 11 + i));
        }
        JsonNode result = load("raw.quotes", write("quotes.csv", csv.toString()));
        assertEquals(251, result.get("landed").asLong(), result.toString());
        assertEquals(List.of("date", "open", "close"), columnNames(result));
        assertEquals(" 10.50", rows("raw.quotes").get(0).getField("open"));
    }

    @Test
    void aStrayQuoteCostsOneRecordAndBlankLinesAreNotRecords() throws Exception {
        JsonNode five = load("raw.stray", write("stray.csv",
                "id,name,note\n1,Ana,ok\n2,\"Bo,unclosed\n3,Cy,ok\n\n   \n4,\"Di\nNa\",two lines\n5,Ed,ok\n"));
        assertEquals(5, five.get("records_in").asLong(), five.toString());
        assertEquals(4, five.get("landed").asLong());
        List<Record> rows = rows("raw.stray");
        assertEquals("Di\nNa", rows.get(2).getField("name"));
        Record q = rows("raw.quarantine").get(0);
        assertEquals("line 3", q.getField("location"));
        assertEquals("2,\"Bo,unclosed", q.getField("raw"));

        // the stray quote right under the header: the schema is still inferred from the rest
        JsonNode seven = load("raw.seven", write("seven.csv",
                "a,b\n\"x,1\n2,y\n3,z\n4,w\n5,v\n6,u\n"));
        assertEquals(6, seven.get("records_in").asLong(), seven.toString());
        assertEquals(5, seven.get("landed").asLong());
    }

    @Test
    void jsonLinesKeepEveryKeyAndRefuseWhatIsNotOneObject() throws Exception {
        JsonNode result = load("raw.json", write("j.jsonl", String.join("\n",
                "{\"\":0,\"a.b\":\"dot\",\"a\":{\"b\":{\"c\":{\"d\":\"deep\"}}},\"p\":1.50,\"tags\":[1,2]}",
                "{\"\":1,\"a.b\":\"dot2\",\"a\":{\"b\":{\"c\":{\"d\":\"deeper\"}}},\"p\":2.25,\"tags\":[]}",
                "{\"a\":\"b\"}/**/",
                "{\"k\":1,\"k\":2}",
                "",
                "[1,2]")));
        assertEquals(5, result.get("records_in").asLong(), result.toString());
        assertEquals(2, result.get("landed").asLong());
        Record first = rows("raw.json").get(0);
        assertEquals("0", String.valueOf(first.getField("column_1")), first.toString());
        assertEquals("dot", first.getField("a_b"));
        assertEquals("deep", first.getField("a_b_c_d"));
        assertEquals(new BigDecimal("1.50"), first.getField("p"));
        assertEquals("[1,2]", first.getField("tags"));
    }

    @Test
    void intoMustBeTwoLowerCaseNamesAndErrorsAreJson() throws Exception {
        Path f = write("x.csv", "a\n1\n");
        JsonNode upper = run("--into", "Raw.Events", f.toString());
        assertEquals(2, exit);
        assertTrue(upper.get("error").asText().contains("raw.events"), upper.toString());
        JsonNode three = run("--into", "a.b.c", f.toString());
        assertEquals(2, exit);
        assertTrue(three.get("error").asText().contains("NAMESPACE.TABLE"), three.toString());
        assertFalse(Files.exists(warehouse.resolve("raw")), "nothing is created by a refused command");
    }

    @Test
    void otherColumnsAreRefusedBeforeAnythingIsWrittenUnlessAllowed() throws Exception {
        load("raw.t", write("one.csv", "id,amount\n1,1.50\n2,2.50\n"));
        Table before = LakehouseCatalog.localHadoop(warehouse).loadTable(TableIdentifier.parse("raw.t"));
        long snapshot = before.currentSnapshot().snapshotId();

        Path wider = write("two.csv", "id,amount,extra\n3,3.50,x\n");
        JsonNode refused = run("--into", "raw.t", wider.toString());
        assertEquals(3, exit, refused.toString());
        assertTrue(refused.get("error").asText().contains("--allow-new-columns"), refused.toString());
        Path text = write("three.csv", "id,amount\n4,n/a\n");
        JsonNode conflict = run("--into", "raw.t", text.toString());
        assertEquals(3, exit, conflict.toString());
        assertTrue(conflict.get("error").asText().contains("amount"), conflict.toString());
        Table after = LakehouseCatalog.localHadoop(warehouse).loadTable(TableIdentifier.parse("raw.t"));
        assertEquals(snapshot, after.currentSnapshot().snapshotId(), "a refused load commits nothing");
        assertEquals(4, after.schema().columns().size(), "nor widens the table (id, amount, _source_*)");

        JsonNode allowed = run("--into", "raw.t", "--allow-new-columns", wider.toString());
        assertEquals(0, exit, allowed.toString());
        assertEquals("[\"extra\"]", allowed.get("new_columns").toString());
        assertEquals(3, rows("raw.t").size());
    }

    @Test
    void aDirectoryMixingFormatsIsReadFileByFileAllOrNothing() throws Exception {
        Path dir = Files.createDirectories(files.resolve("mixed"));
        Files.writeString(dir.resolve("a.csv"), "id,name,amount\n1,Ana,1.50\n2,Bo,2.50\n");
        Files.writeString(dir.resolve("b.tsv"), "id\tname\tamount\n3\tCy\t3.50\n4\t\"Di\tx\"\t4.50\n5\tEd\n");
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write("id;name;amount\n6;Fa;6.50\n".getBytes(StandardCharsets.UTF_8));
        }
        Files.write(dir.resolve("c.csv.gz"), gz.toByteArray());
        Files.writeString(dir.resolve("d.xml"), "<rows><row><id>7</id><name>Gu</name><amount>7.50</amount></row>"
                + "<row><id>8</id><name>Ha</name><amount>8.50</amount></row></rows>");
        Files.writeString(dir.resolve("e.jsonl"), "{\"id\":9,\"name\":\"Io\",\"amount\":9.50}\nnot json\n");
        Files.writeString(dir.resolve("notes.md"), "# not data\n");
        JsonNode result = load("raw.mixed", dir);
        assertEquals(10, result.get("records_in").asLong(), result.toString());
        assertEquals(8, result.get("landed").asLong());
        assertEquals(5, result.get("files").size());
        assertEquals(3, result.get("groups").size(), "csv, xml and json groups: " + result.get("groups"));
        assertTrue(result.get("skipped_files").get(0).asText().endsWith("notes.md"));
        List<Record> rows = rows("raw.mixed");
        assertEquals(8, rows.size());
        assertEquals("Di\tx", rows.stream().filter(r -> r.getField("id").equals(4L)).findFirst().orElseThrow()
                .getField("name"));
        assertEquals(new BigDecimal("7.50"), rows.stream().filter(r -> r.getField("id").equals(7L)).findFirst()
                .orElseThrow().getField("amount"));
        assertNull(rows.stream().filter(r -> r.getField("id").equals(9L)).findFirst().orElseThrow()
                .getField("_source_path"));

        // loading the directory again, or one of its files, replaces exactly those files' rows
        load("raw.mixed", dir);
        load("raw.mixed", dir.resolve("a.csv"));
        assertEquals(8, rows("raw.mixed").size());
        assertEquals(2, rows("raw.quarantine").stream().filter(r -> r.getField("source").equals("raw.mixed")).count());
    }

    @Test
    void emptyFilesAndAHeaderAloneHaveNoRecordsAndChangeNoType() throws Exception {
        Path dir = Files.createDirectories(files.resolve("some-empty"));
        Files.writeString(dir.resolve("a-empty.csv"), "");
        Files.writeString(dir.resolve("b-blank.csv"), "\n  \r\n");
        Files.writeString(dir.resolve("c-header.csv"), "id,amount\n");
        Files.writeString(dir.resolve("d-data.csv"), "id,amount\n1,1.50\n");
        JsonNode result = load("raw.some", dir);
        assertEquals(1, result.get("records_in").asLong(), result.toString());
        assertEquals(3, result.get("empty_files").size(), result.toString());
        assertEquals("long", result.get("schema").get("columns").get(0).get("type").asText());

        JsonNode none = load("raw.none", dir.resolve("a-empty.csv"));
        assertEquals(0, none.get("records_in").asLong(), none.toString());
        assertFalse(LakehouseCatalog.localHadoop(warehouse).tableExists(TableIdentifier.parse("raw.none")));
    }
}
