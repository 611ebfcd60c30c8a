package io.lakehouse.seed.spark;

import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.inmemory.InMemoryCatalog;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** On Iceberg's own in-memory catalog: which changes make the next seed run the Spark stage again. */
class LastTransformTest {
    private static final Schema SCHEMA = new Schema(Types.NestedField.required(1, "id", Types.LongType.get()));
    private static final String RUNNER = "lakehouse-spark-jobs.jar:1000:1";

    @TempDir
    Path dir;
    private InMemoryCatalog catalog;
    private List<Path> sql;
    private LastTransform last;

    @BeforeEach
    void lake() throws Exception {
        catalog = new InMemoryCatalog();
        catalog.initialize("lakehouse", Map.of());
        for (String namespace : List.of("bronze", "silver", "gold")) {
            catalog.createNamespace(Namespace.of(namespace));
        }
        for (String table : List.of("bronze.orders", "silver.orders", "gold.fact_sales")) {
            append(catalog.createTable(TableIdentifier.parse(table), SCHEMA, PartitionSpec.unpartitioned()));
        }
        sql = List.of(Files.writeString(dir.resolve("silver.sql"), "MERGE INTO lakehouse.silver.orders ..."),
                Files.writeString(dir.resolve("gold.sql"), "MERGE INTO lakehouse.gold.fact_sales ..."));
        last = new LastTransform(catalog);
    }

    private static void append(Table table) {
        DataFile file = DataFiles.builder(PartitionSpec.unpartitioned())
                .withPath("/data/" + table.name() + "-" + System.nanoTime() + ".parquet")
                .withFileSizeInBytes(10).withRecordCount(1).build();
        table.newAppend().appendFile(file).commit();
    }

    @Test
    void aRunIsSkippedOnlyWhenItsInputsAndOutputsAreAsTheLastCompleteRunLeftThem() throws Exception {
        String inputs = last.inputs(sql, RUNNER);
        assertFalse(last.unchangedSince(inputs), "nothing recorded yet: the stage runs");
        last.record(inputs);
        assertTrue(last.unchangedSince(last.inputs(sql, RUNNER)), "nothing changed since");

        assertFalse(last.unchangedSince(last.inputs(sql, "lakehouse-spark-jobs.jar:1000:2")), "a rebuilt runner");
        Files.writeString(sql.get(1), "MERGE INTO lakehouse.gold.fact_sales ... -- edited");
        assertFalse(last.unchangedSince(last.inputs(sql, RUNNER)), "an edited SQL file");
    }

    @Test
    void aNewBronzeSnapshotEvenOneCommittedDuringTheRunRunsTheStageAgain() throws Exception {
        String inputs = last.inputs(sql, RUNNER);
        append(catalog.loadTable(TableIdentifier.parse("bronze.orders")));   // while the run goes
        last.record(inputs);
        assertFalse(last.unchangedSince(last.inputs(sql, RUNNER)),
                "a bronze commit the run may not have read makes the next seed run the stage");
        last.record(last.inputs(sql, RUNNER));
        catalog.createTable(TableIdentifier.parse("bronze.returns"), SCHEMA, PartitionSpec.unpartitioned());
        assertFalse(last.unchangedSince(last.inputs(sql, RUNNER)), "a new bronze table");
    }

    @Test
    void aWriteToSilverOrGoldByAnyoneOrADroppedTableRunsTheStageAgain() throws Exception {
        String inputs = last.inputs(sql, RUNNER);
        last.record(inputs);
        append(catalog.loadTable(TableIdentifier.parse("silver.orders")));
        assertFalse(last.unchangedSince(inputs), "silver written after the run");
        last.record(inputs);
        catalog.dropTable(TableIdentifier.parse("gold.fact_sales"));
        assertFalse(last.unchangedSince(inputs), "a gold table dropped");
    }
}
