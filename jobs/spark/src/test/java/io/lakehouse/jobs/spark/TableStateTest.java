package io.lakehouse.jobs.spark;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

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
    void afterRewritesTheRowsAreThoseOfTheSnapshotBeforeThem() {
        // 1 append, 2 append (Flink), 3 replace (a compaction), 4 replace (another)
        Map<String, TableState.Snapshot> history = Map.of(
                "1", new TableState.Snapshot("none", "append"),
                "2", new TableState.Snapshot("1", "append"),
                "3", new TableState.Snapshot("2", TableState.REPLACE),
                "4", new TableState.Snapshot("3", TableState.REPLACE),
                "5", new TableState.Snapshot("4", "append"));
        assertEquals(Optional.of("2@3"), at("3", Map.of()).dataVersionThroughRewrites(history));
        assertEquals(Optional.of("2@4"), at("4", Map.of()).dataVersionThroughRewrites(history),
                "two compactions in a row");
        assertEquals(Optional.of("2@4"), at("4", Map.of(TableState.DATA_VERSION, "2@3"))
                .dataVersionThroughRewrites(history), "a record of the first compaction carries on");
        assertEquals("2", at("4", Map.of(TableState.DATA_VERSION, "2@4")).dataVersion(),
                "what the readers then see");
        assertEquals(Optional.empty(), at("5", Map.of(TableState.DATA_VERSION, "2@4"))
                .dataVersionThroughRewrites(history), "rows came in after the rewrite: nothing to record");
        assertEquals("5", at("5", Map.of(TableState.DATA_VERSION, "2@4")).dataVersion(),
                "and the readers see the new rows");
        assertEquals(Optional.empty(), at("2", Map.of()).dataVersionThroughRewrites(history), "not a rewrite");
    }

    @Test
    void anEmptyMergeBeforeARewriteKeepsTheRowsItKept() {
        // 7 wrote rows, 8 an empty MERGE commit (recorded 7@8), 9 a compaction
        Map<String, TableState.Snapshot> history = Map.of(
                "7", new TableState.Snapshot("none", "overwrite"),
                "8", new TableState.Snapshot("7", "overwrite"),
                "9", new TableState.Snapshot("8", TableState.REPLACE));
        assertEquals(Optional.of("7@9"), at("9", Map.of(TableState.DATA_VERSION, "7@8"))
                .dataVersionThroughRewrites(history));
        assertEquals(Optional.of("8@9"), at("9", Map.of(TableState.DATA_VERSION, "7@6"))
                .dataVersionThroughRewrites(history), "a stale record is not carried");
    }

    @Test
    void aRewriteWhoseParentIsGoneRecordsNothing() {
        Map<String, TableState.Snapshot> expired = Map.of("3", new TableState.Snapshot("2", TableState.REPLACE));
        assertEquals(Optional.empty(), at("3", Map.of()).dataVersionThroughRewrites(expired),
                "the rows before it cannot be named: its current snapshot counts");
        Map<String, TableState.Snapshot> cycle = Map.of(
                "3", new TableState.Snapshot("4", TableState.REPLACE),
                "4", new TableState.Snapshot("3", TableState.REPLACE));
        assertEquals(Optional.empty(), at("3", Map.of()).dataVersionThroughRewrites(cycle));
    }

    private static TableState at(String snapshot, Map<String, String> properties) {
        Map<String, String> all = new java.util.HashMap<>(properties);
        all.put(TableState.CURRENT_SNAPSHOT, snapshot);
        return TableState.of(all);
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
