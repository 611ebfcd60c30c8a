package io.lakehouse.jobs.spark;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableStateTest {
    @Test
    void theRecordedDataVersionHoldsOnlyWhileTheTableIsAtTheSnapshotItWasRecordedAt() {
        Map<String, String> recorded = Map.of(TableState.CURRENT_SNAPSHOT, "7", TableState.DATA_VERSION, "5@7");
        assertEquals("5", TableState.of(recorded).dataVersion(), "an empty MERGE commit (7) after the rows of 5");
        assertEquals("9", TableState.of(Map.of(TableState.CURRENT_SNAPSHOT, "9", TableState.DATA_VERSION, "5@7"))
                .dataVersion(), "written since (by anyone): its current snapshot");
        assertEquals("none", TableState.of(Map.of()).dataVersion(), "a table without a snapshot");
    }

    @Test
    void aCommitChangedRowsUnlessItsSummaryCountsNothing() {
        // as Iceberg 1.11 summarised an empty MERGE here: the zero counts are left out
        assertFalse(new Commit("overwrite", Map.of("total-records", "1000", "changed-partition-count", "0",
                "manifests-created", "0", "total-data-files", "1")).changedRows(), "a MERGE that matched nothing");
        assertTrue(new Commit("overwrite", Map.of("total-records", "997", "changed-partition-count", "1",
                "deleted-records", "3")).changedRows());
        assertTrue(new Commit("overwrite", Map.of("total-records", "1000", "changed-partition-count", "0",
                "added-position-deletes", "2")).changedRows(), "any count that is not zero");
        assertTrue(new Commit("overwrite", Map.of("engine-version", "4.0.1")).changedRows(),
                "a summary that is not Iceberg's own counts as a change");
    }
}
