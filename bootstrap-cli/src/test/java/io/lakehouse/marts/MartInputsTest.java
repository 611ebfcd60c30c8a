package io.lakehouse.marts;

import io.lakehouse.seed.files.LakehouseCatalog;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A mart counts as unchanged only while its definition, every table it reads and its own table are exactly as its
 * last refresh left them; each of those changing makes it stale (Iceberg tables in a local Hadoop catalog).
 */
class MartInputsTest {
    private static final Schema SCHEMA = new Schema(Types.NestedField.required(1, "id", Types.LongType.get()));

    @TempDir
    Path dir;
    private Catalog catalog;
    private Mart mart;
    private Table gold;
    private Table dimension;
    private Table martTable;

    @BeforeEach
    void tables() throws Exception {
        catalog = LakehouseCatalog.localHadoop(dir.resolve("warehouse"));
        for (String namespace : new String[] {"gold", "marts"}) {
            ((SupportsNamespaces) catalog).createNamespace(Namespace.of(namespace));
        }
        gold = catalog.createTable(TableIdentifier.of("gold", "sales"), SCHEMA);
        dimension = catalog.createTable(TableIdentifier.of("gold", "dim_store"), SCHEMA);
        martTable = catalog.createTable(TableIdentifier.of("marts", "daily"), SCHEMA);
        commit(gold);
        commit(dimension);
        Path sql = Files.writeString(dir.resolve("daily.sql"), """
                CREATE TABLE IF NOT EXISTS lakehouse.marts.daily (id BIGINT);
                CREATE OR REPLACE TABLE lakehouse.marts.daily AS
                SELECT s.id FROM lakehouse.gold.sales s JOIN LAKEHOUSE.GOLD.DIM_STORE d ON d.id = s.id;
                """);
        mart = new Mart("daily", sql, sql);
    }

    @Test
    void theInputsAreTheTablesTheRefreshReadsAtTheirCurrentSnapshots() throws Exception {
        MartInputs inputs = MartInputs.now(catalog, mart);
        assertEquals(Map.of("gold.sales", gold.currentSnapshot().snapshotId(),
                "gold.dim_store", dimension.currentSnapshot().snapshotId()), inputs.inputs());
        // recorded in name order, whatever order the map had: another JVM must encode the same inputs the same way
        assertEquals(List.of("gold.dim_store", "gold.sales"), List.copyOf(inputs.inputs().keySet()));
        assertEquals(List.of("a.x", "b.y"), List.copyOf(new MartInputs("d", Map.of("b.y", 1L, "a.x", 2L))
                .inputs().keySet()));
    }

    @Test
    void aMartIsUnchangedOnlyUntilItsDefinitionAnInputOrItselfChanges() throws Exception {
        assertFalse(MartInputs.now(catalog, mart).unchangedIn(martTable), "never refreshed: nothing recorded");

        refresh();
        assertTrue(MartInputs.now(catalog, mart).unchangedIn(reload(martTable)), "just refreshed");

        commit(dimension);
        assertFalse(MartInputs.now(catalog, mart).unchangedIn(reload(martTable)), "an input has a new snapshot");
        refresh();
        assertTrue(MartInputs.now(catalog, mart).unchangedIn(reload(martTable)));

        commit(reload(martTable));
        assertFalse(MartInputs.now(catalog, mart).unchangedIn(reload(martTable)), "someone wrote to the mart");
        refresh();

        Files.writeString(mart.trinoSql(), Files.readString(mart.trinoSql()).replace("s.id", "s.id + 0"));
        assertFalse(MartInputs.now(catalog, mart).unchangedIn(reload(martTable)), "the definition changed");
    }

    /** What TrinoMarts does around a refresh: inputs taken before, the mart committed, then recorded. */
    private void refresh() throws Exception {
        MartInputs before = MartInputs.now(catalog, mart);
        commit(reload(martTable));
        before.recordIn(reload(martTable));
    }

    private Table reload(Table table) {
        return catalog.loadTable(TableIdentifier.parse(table.name().substring(table.name().indexOf('.') + 1)));
    }

    private static void commit(Table table) {
        table.newAppend().appendFile(DataFiles.builder(PartitionSpec.unpartitioned())
                .withPath(table.location() + "/data/" + System.nanoTime() + ".parquet")
                .withFileSizeInBytes(100).withRecordCount(1).withFormat(FileFormat.PARQUET).build()).commit();
    }
}
