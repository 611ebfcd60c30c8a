package io.lakehouse.maintenance;

import io.lakehouse.seed.streaming.StreamingJob;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BronzeCompactionTest {
    @Test
    void theStreamingJobsTablesAreTheShopsFourAndTheEvents() {
        assertEquals(List.of("bronze.orders", "bronze.order_items", "bronze.payments", "bronze.shipments",
                "bronze.events"), StreamingJob.allBronzeTables());
    }

    @Test
    void oneRewriteCallPerTableKeepingStartingSequenceNumbers() {
        String sql = BronzeCompaction.statements(List.of("bronze.orders", "bronze.events"));
        assertEquals(2, sql.lines().filter(l -> l.startsWith("CALL lakehouse.system.rewrite_data_files(")).count(), sql);
        assertTrue(sql.contains("table => 'bronze.orders'") && sql.contains("table => 'bronze.events'"), sql);
        assertTrue(sql.contains("'delete-file-threshold', '1'"), sql);
        // the option that makes a rewrite safe beside upserts is Iceberg's default; it must never be turned off
        assertTrue(!sql.contains("use-starting-sequence-number"), sql);
    }

    @Test
    void aNameThatIsNotSchemaDotTableIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> BronzeCompaction.statements(List.of("orders')); DROP")));
        assertThrows(IllegalArgumentException.class, () -> BronzeCompaction.statements(List.of("orders")));
    }
}
