package io.lakehouse.seed.files;

import io.lakehouse.seed.sample.ExpectedCounts;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sample files into real Iceberg tables (Hadoop catalog on a temp directory), read back. */
class SampleLoaderTest {
    static final Path SAMPLE = Path.of(System.getProperty("lakehouse.home", "..")).resolve("sample-data");

    static List<Record> rows(Catalog catalog, String table) throws Exception {
        Table t = catalog.loadTable(TableIdentifier.parse(table));
        List<Record> rows = new ArrayList<>();
        try (CloseableIterable<Record> it = IcebergGenerics.read(t).build()) {
            it.forEach(r -> rows.add(r.copy()));
        }
        return rows;
    }

    @Test
    void sampleSourcesLandWithTheDocumentedCountsAndReloadReplaces(@TempDir Path warehouse) throws Exception {
        Catalog catalog = LakehouseCatalog.localHadoop(warehouse);
        SampleLoader loader = new SampleLoader(catalog, SAMPLE.resolve("schemas"));
        List<long[]> progress = new ArrayList<>();
        List<SourceCounts> counts = loader.load(SAMPLE, (t, f, n, rate) -> progress.add(new long[]{n}));
        ExpectedCounts expected = ExpectedCounts.forScale(1);
        for (SourceCounts c : counts) {
            ExpectedCounts.FileSource e = expected.files().values().stream()
                    .filter(s -> s.table().equals(c.table())).findFirst().orElseThrow();
            assertEquals(e.recordsIn(), c.recordsIn(), c.table());
            assertEquals(e.landed(), c.landed(), c.table());
            assertEquals(e.quarantinedByReason(), c.quarantinedByReason(), c.table());
        }
        assertTrue(!progress.isEmpty());

        // twice: same rows, no duplicates
        loader.load(SAMPLE, LoadProgress.NONE);
        List<Record> customers = rows(catalog, "bronze.customers");
        assertEquals(1000, customers.size());
        assertEquals(20, rows(catalog, "bronze.stores").size());
        List<Record> products = rows(catalog, "bronze.products");
        assertEquals(300, products.size());
        List<Record> quarantine = rows(catalog, "bronze.quarantine");
        assertEquals(14, quarantine.size());

        Map<String, Long> perReason = new TreeMap<>();
        for (Record q : quarantine) {
            String reason = (String) q.getField("reason");
            perReason.merge(q.getField("source") + " " + reason.substring(0, reason.indexOf(':')), 1L, Long::sum);
            assertTrue(((String) q.getField("raw")).length() > 10, "raw text kept: " + q);
            assertEquals(true, q.getField("source_file").toString().startsWith("sample-data/"));
        }
        assertEquals(3L, perReason.get("bronze.customers wrong_column_count"));
        assertEquals(1L, perReason.get("bronze.products malformed_element"));

        Record first = customers.stream().filter(r -> (Long) r.getField("customer_id") == 1L).findFirst().orElseThrow();
        assertEquals("Liam", first.getField("first_name"));
        assertEquals(LocalDate.of(2024, 4, 9), first.getField("signup_date"));
        assertEquals(2L, first.getField("_source_line"));
        assertEquals("sample-data/csv/customers.csv", first.getField("_source_file"));
        // a quoted address across two lines is one value
        assertTrue(customers.stream().anyMatch(r -> r.getField("address") != null
                && r.getField("address").toString().contains("\nApt ")));
        Record product = products.stream().filter(r -> r.getField("sku").equals("SKU-00001")).findFirst().orElseThrow();
        assertEquals(new BigDecimal("275.18"), product.getField("price"));
        assertEquals("Acme Wholesale", product.getField("supplier_name"));
        assertEquals("/catalog/product[1]", product.getField("_source_path"));

        Record malformed = quarantine.stream().filter(r -> r.getField("reason").toString()
                .startsWith("malformed_element")).findFirst().orElseThrow();
        assertTrue(malformed.getField("location").toString().matches("/catalog/product\\[\\d+]"));
        assertTrue(malformed.getField("raw").toString().contains("<amount>"));
    }

    @Test
    void generatedScaleLandsExactlyAsPlanned(@TempDir Path warehouse, @TempDir Path data) throws Exception {
        int scale = 16;
        io.lakehouse.seed.sample.SampleDataset dataset = new io.lakehouse.seed.sample.SampleGenerator(scale).generate();
        dataset.writeTo(data);
        ExpectedCounts expected = ExpectedCounts.of(dataset);
        List<SourceCounts> counts = new SampleLoader(LakehouseCatalog.localHadoop(warehouse), SAMPLE.resolve("schemas"))
                .load(data, LoadProgress.NONE);
        for (SourceCounts c : counts) {
            ExpectedCounts.FileSource e = expected.files().values().stream()
                    .filter(s -> s.table().equals(c.table())).findFirst().orElseThrow();
            assertEquals(e.recordsIn(), c.recordsIn(), c.table());
            assertEquals(e.landed(), c.landed(), c.table());
            assertEquals(e.quarantinedByReason(), c.quarantinedByReason(), c.table());
        }
    }

    private static long snapshot(Catalog catalog, String table) {
        return catalog.loadTable(TableIdentifier.parse(table)).currentSnapshot().snapshotId();
    }

    private static List<String> countsOf(List<SourceCounts> counts) {
        return counts.stream().map(c -> c.table() + " " + c.recordsIn() + " " + c.landed() + " "
                + c.quarantinedByReason()).toList();
    }

    @Test
    void anUnchangedSourceIsNotLoadedAgainAndAnyChangeLoadsIt(@TempDir Path warehouse, @TempDir Path data)
            throws Exception {
        for (SampleLoader.SampleSource source : SampleLoader.SOURCES) {
            java.nio.file.Files.createDirectories(data.resolve(source.file()).getParent());
            java.nio.file.Files.copy(SAMPLE.resolve(source.file()), data.resolve(source.file()));
        }
        Catalog catalog = LakehouseCatalog.localHadoop(warehouse);
        SampleLoader loader = new SampleLoader(catalog, SAMPLE.resolve("schemas"));
        List<SourceCounts> first = loader.load(data, LoadProgress.NONE);
        assertEquals(0, loader.unchanged());
        long customers = snapshot(catalog, "bronze.customers");
        long quarantine = snapshot(catalog, "bronze.quarantine");

        List<SourceCounts> again = loader.load(data, LoadProgress.NONE);
        assertEquals(3, loader.unchanged(), "nothing changed: nothing loaded");
        assertEquals(countsOf(first), countsOf(again), "the skipped sources report their last load's counts");
        assertEquals(customers, snapshot(catalog, "bronze.customers"), "no commit");
        assertEquals(quarantine, snapshot(catalog, "bronze.quarantine"), "no commit");

        // a changed file is loaded again: its new record counts
        Path stores = data.resolve("csv/stores.csv");
        String text = java.nio.file.Files.readString(stores);
        java.nio.file.Files.writeString(stores, (text.endsWith("\n") ? text : text + "\n") + "not-a-store\n");
        List<SourceCounts> changed = loader.load(data, LoadProgress.NONE);
        assertEquals(2, loader.unchanged());
        SourceCounts before = first.get(1);
        SourceCounts after = changed.get(1);
        assertEquals("bronze.stores", after.table());
        assertEquals(before.recordsIn() + 1, after.recordsIn());
        assertEquals(before.quarantined() + 1, after.quarantined());

        // a write to the table by anyone else: loaded again, the rows are the file's again
        Table table = catalog.loadTable(TableIdentifier.parse("bronze.customers"));
        table.newDelete().deleteFromRowFilter(org.apache.iceberg.expressions.Expressions.alwaysTrue()).commit();
        assertEquals(0, rows(catalog, "bronze.customers").size());
        loader.load(data, LoadProgress.NONE);
        assertEquals(2, loader.unchanged());
        assertEquals(1000, rows(catalog, "bronze.customers").size());

        // a quarantined record removed by anyone: loaded again, the record is back
        Table q = catalog.loadTable(TableIdentifier.parse("bronze.quarantine"));
        q.newDelete().deleteFromRowFilter(org.apache.iceberg.expressions.Expressions.equal("source", "bronze.products"))
                .commit();
        loader.load(data, LoadProgress.NONE);
        assertEquals(2, loader.unchanged());
        assertEquals(first.get(2).quarantined(), rows(catalog, "bronze.quarantine").stream()
                .filter(r -> "bronze.products".equals(r.getField("source"))).count());
    }
}
