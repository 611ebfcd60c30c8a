package io.lakehouse.seed.files;

import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** XML files at their nastiest: every record element is one row, landed exactly or quarantined with its reason. */
class XmlRecordsTest {
    static final Path XML = Path.of(System.getProperty("lakehouse.home", "..")).resolve(
            "bootstrap-cli/src/test/resources/load/xml");

    @TempDir
    Path tmp;

    /** The records of a file read with its inferred (or the given) schema: landed and quarantined. */
    record Read(FileSchema schema, List<RawRecord> landed, List<RawRecord> quarantined) {
        long in() {
            return landed.size() + quarantined.size();
        }

        Map<String, String> landed(int i) {
            return landed.get(i).values();
        }

        String column(String source) {
            return schema.columns().stream().filter(c -> c.source().equals(source)).findFirst().orElseThrow()
                    .name();
        }
    }

    static Read read(Path file) throws Exception {
        return read(file, XmlInference.infer(file));
    }

    static Read read(Path file, FileSchema schema) throws Exception {
        List<RawRecord> landed = new ArrayList<>();
        List<RawRecord> quarantined = new ArrayList<>();
        try (XmlRecords records = new XmlRecords(file, schema)) {
            while (records.hasNext()) {
                RawRecord r = records.next();
                (r.rejectReason() == null ? landed : quarantined).add(r);
            }
        }
        return new Read(schema, landed, quarantined);
    }

    private Path write(String name, String text) throws Exception {
        Path file = tmp.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void nestedFourDeepAttributesNamespacesEntitiesAndRepeatedChildren() throws Exception {
        Read r = read(XML.resolve("nested.xml"));
        assertEquals("/catalog/product", r.schema().record());
        assertEquals(List.of("@sku", "name", "price", "price/@currency", "supplier/address/geo/city", "maker",
                        "x:id", "y:id", "tags/tag[]", "note"),
                r.schema().columns().stream().map(ColumnSpec::source).toList());
        assertEquals(List.of("sku", "name", "price", "price_currency", "supplier_address_geo_city", "maker",
                "x_id", "y_id", "tags_tag", "note"), r.schema().columns().stream().map(ColumnSpec::name).toList());
        assertEquals(ColumnType.decimal(18, 2), r.schema().columns().get(2).type());
        assertEquals(3, r.in());
        assertEquals(3, r.landed().size());
        Map<String, String> p1 = r.landed(0);
        assertEquals("P1", p1.get("@sku"));
        assertEquals(" Café & Co ", p1.get("name"), "text exactly as written, not stripped");
        assertEquals("12.50", p1.get("price"));
        assertEquals("EUR", p1.get("price/@currency"));
        assertEquals("Porto", p1.get("supplier/address/geo/city"));
        assertEquals("ACME Ltd", p1.get("maker"), "internal entity expanded");
        assertEquals("X-1", p1.get("x:id"));
        assertEquals("Y-1", p1.get("y:id"));
        assertNull(p1.get("tags/tag[]"), "no <tag>: absent");
        assertEquals("/catalog/product[1]", r.landed().get(0).path());
        assertEquals(6, r.landed().get(0).line());
        assertTrue(r.landed().get(0).raw().startsWith("<product sku=\"P1\">"), r.landed().get(0).raw());
        assertTrue(r.landed().get(0).raw().endsWith("</product>"));
        Map<String, String> p2 = r.landed(1);
        assertEquals("ACME Ltd (EU)", p2.get("maker"));
        assertEquals("[\"green\"]", p2.get("tags/tag[]"), "one occurrence: a one-item array");
        Map<String, String> p3 = r.landed(2);
        assertEquals("<b>Cake</b> & more", p3.get("name"), "CDATA");
        assertNull(p3.get("supplier/address/geo/city"), "whitespace only is empty");
        assertEquals("[\"sweet\",{\"@lang\":\"fr\",\"#text\":\"sucré\"},\"sweet\"]", p3.get("tags/tag[]"),
                "three occurrences, all kept, in order");
        assertNull(p3.get("note"));
    }

    @Test
    void textOnlyRecordsAndCdataGiveTheRecordsOwnText() throws Exception {
        Read r = read(XML.resolve("text-only.xml"));
        assertEquals(List.of("."), r.schema().columns().stream().map(ColumnSpec::source).toList());
        assertEquals("item", r.column("."));
        assertEquals(4, r.landed().size());
        assertEquals("plain text", r.landed(0).get("."));
        assertEquals("<not> & markup", r.landed(1).get("."));
        assertEquals("  padded  ", r.landed(2).get("."));
        assertNull(r.landed(3).get("."));
    }

    @Test
    void onlyElementsAtTheRecordPathAreRecordsWhateverStandsAroundThem() throws Exception {
        Path file = write("around.xml", """
                <?xml version="1.0"?>
                <!-- exported -->
                <?generator x?>
                <!DOCTYPE catalog [<!ENTITY cur "EUR">]>
                <catalog>
                  <product sku="a1"><name>Ant</name><price currency="&cur;">1.50</price></product>
                  <!-- between -->
                  <archive><product sku="old"><name>Old</name></product></archive>
                  <product sku="b2"><name>Bee &amp; co</name><price currency="USD">2</price></product>
                  <?pi between?>
                  <product sku="c3"><name>Cat</name></product>
                </catalog>
                <!-- after -->
                """);
        Read r = read(file);
        assertEquals("/catalog/product", r.schema().record());
        assertEquals(0, r.quarantined().size());
        assertEquals(List.of("/catalog/product[1]", "/catalog/product[2]", "/catalog/product[3]"),
                r.landed().stream().map(RawRecord::path).toList());
        assertEquals(List.of("a1", "b2", "c3"), r.landed().stream().map(x -> x.values().get("@sku")).toList());
        assertEquals("EUR", r.landed(0).get("price/@currency"));
        assertEquals("Bee & co", r.landed(1).get("name"));
        assertNull(r.landed(2).get("price/@currency"));
        assertEquals(6, r.landed().get(0).line());
    }

    @Test
    void rssItemsUnderTheChannelWrapperAreTheRecords() throws Exception {
        Read r = read(XML.resolve("rss.xml"));
        assertEquals("/rss/channel/item", r.schema().record());
        assertEquals("dc_creator", r.column("dc:creator"));
        assertEquals(2, r.landed().size());
        assertEquals("Bob", r.landed(1).get("dc:creator"));
        assertEquals("[\"a\"]", r.landed(0).get("category[]"));
        assertEquals("[\"a\",\"b\"]", r.landed(1).get("category[]"));
    }

    @Test
    void externalEntitiesAndDtdSubsetsRefuseTheFileBeforeAnything() throws Exception {
        FileSchema declared = new FileSchema(FileFormat.XML, null, null, null, "/feed/item",
                List.of(new ColumnSpec("item", ColumnType.STRING, false, ".")));
        for (String name : List.of("external-entity.xml", "external-dtd.xml")) {
            Path file = XML.resolve(name);
            InputRefusedException inferred = assertThrows(InputRefusedException.class, () -> XmlInference.infer(file));
            InputRefusedException loading = assertThrows(InputRefusedException.class,
                    () -> new XmlRecords(file, declared).close());
            for (InputRefusedException e : List.of(inferred, loading)) {
                assertTrue(e.getMessage().contains("never resolved") && e.getMessage().contains("nothing was loaded"),
                        e.getMessage());
            }
        }
        String message = assertThrows(InputRefusedException.class,
                () -> XmlInference.infer(XML.resolve("external-entity.xml"))).getMessage();
        assertTrue(message.contains("external entity 'x' (SYSTEM \"file:///etc/passwd\")"), message);
    }

    @Test
    void entityBombsAreRefusedInUnderTwoSeconds() throws Exception {
        StringBuilder quadratic = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY a \"")
                .append("x".repeat(50_000)).append("\">]>\n<r>\n");
        for (int i = 0; i < 200; i++) {
            quadratic.append("<i>").append("&a;".repeat(1000)).append("</i>\n");
        }
        Path blowUp = write("quadratic.xml", quadratic.append("</r>\n").toString());
        FileSchema declared = new FileSchema(FileFormat.XML, null, null, null, "/r/i",
                List.of(new ColumnSpec("i", ColumnType.STRING, false, ".")));
        for (Path bomb : List.of(XML.resolve("billion-laughs.xml"), blowUp)) {
            long started = System.nanoTime();
            InputRefusedException e = assertTimeoutPreemptively(Duration.ofSeconds(2),
                    () -> assertThrows(InputRefusedException.class, () -> XmlInference.infer(bomb)));
            assertTrue(e.getMessage().contains("entity bomb") && e.getMessage().contains("limit"), e.getMessage());
            assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThrows(InputRefusedException.class,
                    () -> read(bomb, declared)));
            assertTrue(System.nanoTime() - started < 4_000_000_000L);
        }
    }

    @Test
    void nesting5000DeepNamesTheDepthLimitAndEveryRecordIsCounted() throws Exception {
        String deep = "<a>".repeat(5000) + "x" + "</a>".repeat(5000);
        Path file = write("deep.xml", "<feed>\n<item><v>1</v></item>\n<item><v>2</v></item>\n<item><v>3</v>"
                + deep + "</item>\n<item><v>4</v></item>\n<item><v>5</v></item>\n</feed>\n");
        Read r = read(file);
        assertEquals(5, r.in());
        assertEquals(2, r.landed().size());
        assertEquals("2", r.landed(1).get("v"));
        assertEquals(3, r.quarantined().size());
        for (RawRecord q : r.quarantined()) {
            assertTrue(q.rejectReason().startsWith("unparseable: XML nests elements deeper than the depth limit of "
                    + XmlRecords.MAX_ELEMENT_DEPTH), q.rejectReason());
            assertTrue(!q.rejectReason().contains("not well-formed"));
        }
        assertTrue(r.quarantined().get(0).raw().startsWith("<item><v>3</v><a><a>"));
        assertEquals("<item><v>5</v></item>\n</feed>\n", r.quarantined().get(2).raw());
        assertEquals("/feed/item[5] (lines 6-7)", r.quarantined().get(2).path());
    }

    @Test
    void aFileCutInRecord3Of6QuarantinesTheRestPieceByPiece() throws Exception {
        Read r = read(XML.resolve("cut-record-3.xml"));
        assertEquals(6, r.in());
        assertEquals(2, r.landed().size());
        assertEquals("Bob", r.landed(1).get("customer"));
        assertEquals("20.00", r.landed(1).get("total"));
        assertEquals(4, r.quarantined().size());
        List<String> paths = r.quarantined().stream().map(RawRecord::path).toList();
        assertEquals(List.of("/orders/order[3] (lines 5-6)", "/orders/order[4] (lines 6-7)",
                "/orders/order[5] (lines 7-8)", "/orders/order[6] (lines 8-9)"), paths);
        assertTrue(r.quarantined().get(0).raw().startsWith("<order id=\"3\"><customer>Cl"));
        assertTrue(r.quarantined().get(3).raw().contains("Fay"));
        for (RawRecord q : r.quarantined()) {
            assertTrue(q.rejectReason().startsWith("unparseable: XML is not well-formed at line 9"), q.rejectReason());
        }
    }

    @Test
    void aStrayAmpersandInRecord2Of5() throws Exception {
        Read r = read(XML.resolve("stray-amp.xml"));
        assertEquals(5, r.in());
        assertEquals(1, r.landed().size());
        assertEquals("Fish", r.landed(0).get("title"));
        assertEquals(List.of("2", "3", "4", "5"), r.quarantined().stream()
                .map(q -> q.path().replaceAll(".*\\[(\\d+)].*", "$1")).toList());
        assertTrue(r.quarantined().get(0).raw().contains("Fish & Chips"));
        assertTrue(r.quarantined().get(0).rejectReason().contains("not well-formed at line 4"),
                r.quarantined().get(0).rejectReason());
    }

    @Test
    void aDeclaredScalarThatRepeatsOrHoldsElementsIsMalformedAndUnnamedElementsAreIgnored() throws Exception {
        Path file = write("declared.xml", "<shop><p id=\"1\"><name>A</name><extra>x</extra></p>"
                + "<p id=\"2\"><name>B</name><name>C</name></p><p id=\"3\"><name><first>D</first></name></p></shop>");
        FileSchema declared = new FileSchema(FileFormat.XML, null, null, null, "/shop/p", List.of(
                new ColumnSpec("id", ColumnType.LONG, true, "@id"), new ColumnSpec("name", ColumnType.STRING, false, "name")));
        Read r = read(file, declared);
        assertEquals(3, r.in());
        assertEquals(1, r.landed().size());
        assertEquals("A", r.landed(0).get("name"));
        assertTrue(r.quarantined().get(0).rejectReason().startsWith("malformed_element: column name: element <name> "
                + "occurs 2 times"), r.quarantined().get(0).rejectReason());
        assertTrue(r.quarantined().get(1).rejectReason().startsWith("malformed_element: column name: element <name> "
                + "holds <first>"), r.quarantined().get(1).rejectReason());
        // inferred, the same file lands every record: name as a JSON array, name/first as its own column
        Read inferred = read(file);
        assertEquals(3, inferred.landed().size());
        assertEquals("[\"B\",\"C\"]", inferred.landed(1).get("name[]"));
        assertEquals("[{\"first\":\"D\"}]", inferred.landed(2).get("name[]"));
    }

    @Test
    void encodingFromTheByteOrderMarkOrTheDeclaration() throws Exception {
        Path utf16 = tmp.resolve("utf16.xml");
        Files.write(utf16, ("\uFEFF<?xml version=\"1.0\" encoding=\"UTF-16\"?><r><i>Grüße €</i><i>b</i></r>")
                .getBytes(StandardCharsets.UTF_16LE));
        assertEquals("Grüße €", read(utf16).landed(0).get("."));
        Path latin1 = tmp.resolve("latin1.xml");
        Files.write(latin1, "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<r><i>Café</i><i>b</i></r>"
                .getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("Café", read(latin1).landed(0).get("."));
    }

    @Test
    void anUnclosedRootAfterTheLastRecordIsOneVisiblePiece() throws Exception {
        Read r = read(write("unclosed.xml", "<r>\n<i>a</i>\n<i>b</i>\n"));
        assertEquals(2, r.landed().size());
        assertEquals(1, r.quarantined().size());
        assertTrue(r.quarantined().get(0).rejectReason().contains("not well-formed"));
    }

    @Test
    void landsInIcebergAndReadsBackExactly(@TempDir Path warehouse) throws Exception {
        Catalog catalog = LakehouseCatalog.localHadoop(warehouse);
        FileLoader loader = new FileLoader(catalog, LoadProgress.NONE);
        Path nested = XML.resolve("nested.xml");
        SourceCounts counts = loader.load(TableIdentifier.parse("raw.nested"), XmlInference.infer(nested), nested,
                "nested.xml");
        assertEquals(3, counts.recordsIn());
        assertEquals(3, counts.landed());
        Map<String, Record> bySku = SampleLoaderTest.rows(catalog, "raw.nested").stream()
                .collect(Collectors.toMap(x -> x.getField("sku").toString(), x -> x));
        assertEquals(" Café & Co ", bySku.get("P1").getField("name"));
        assertEquals(new BigDecimal("4.10"), bySku.get("P3").getField("price"));
        assertEquals("ACME Ltd", bySku.get("P1").getField("maker"));
        assertEquals("[\"green\"]", bySku.get("P2").getField("tags_tag"));
        assertEquals("/catalog/product[2]", bySku.get("P2").getField("_source_path"));

        Path amp = XML.resolve("stray-amp.xml");
        SourceCounts ampCounts = loader.load(TableIdentifier.parse("raw.amp"), XmlInference.infer(amp), amp,
                "stray-amp.xml");
        assertEquals(5, ampCounts.recordsIn());
        assertEquals(1, ampCounts.landed());
        assertEquals(Map.of("unparseable", 4L), ampCounts.quarantinedByReason());
        List<Record> quarantine = SampleLoaderTest.rows(catalog, "raw.quarantine");
        assertEquals(4, quarantine.size());
        assertTrue(quarantine.stream().anyMatch(q -> q.getField("raw").toString().contains("Fish & Chips")));
    }

    @Test
    void aBigRecordLandsWholeWithItsRawCappedAndInvalidBytesAreQuarantinedNotReplaced() throws Exception {
        String big = "y".repeat(300_000);
        Read r = read(write("big.xml", "<r>\n<i><v>" + big + "</v></i>\n<i><v>2</v></i>\n</r>\n"));
        assertEquals(2, r.landed().size());
        assertEquals(big, r.landed(0).get("v"));
        assertEquals(XmlRecords.RAW_CAP, r.landed().get(0).raw().length());
        assertTrue(r.landed().get(0).raw().startsWith("<i><v>yyy"));
        assertEquals("<i><v>2</v></i>", r.landed().get(1).raw());

        Path bad = tmp.resolve("bad-utf8.xml");
        byte[] head = "<r>\n<i>ok</i>\n<i>caf".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "</i>\n<i>last</i>\n</r>\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + 1 + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        all[head.length] = (byte) 0xE9; // Latin-1 é in a file that is UTF-8 by the spec (no declaration)
        System.arraycopy(tail, 0, all, head.length + 1, tail.length);
        Files.write(bad, all);
        FileSchema declared = new FileSchema(FileFormat.XML, null, null, null, "/r/i",
                List.of(new ColumnSpec("i", ColumnType.STRING, false, ".")));
        Read b = read(bad, declared);
        assertEquals(3, b.in());
        assertEquals("ok", b.landed(0).get("."));
        assertEquals(2, b.quarantined().size());
        assertTrue(b.quarantined().get(0).rejectReason().contains("not valid"), b.quarantined().get(0).rejectReason());
    }
}
