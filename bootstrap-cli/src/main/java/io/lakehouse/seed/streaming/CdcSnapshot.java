package io.lakehouse.seed.streaming;

import io.lakehouse.bootstrap.CdcConnectorStep;
import io.lakehouse.sql.TrinoEndpoint;
import io.lakehouse.stack.ProbeTarget;
import io.lakehouse.shop.ShopSchema;
import io.lakehouse.shop.ShopTable;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * A new snapshot of MySQL's shop into bronze, for a CDC connector whose binlog position was purged from MySQL: the
 * changes in the purged files are gone for good, so bronze is rebuilt from the tables as they are now.
 * <ol>
 *   <li>the connector is stopped and the offsets Connect keeps for it deleted;</li>
 *   <li>the CDC job commits everything it read from the topics (nothing new comes while the connector is stopped);</li>
 *   <li>the CDC bronze tables are emptied: a snapshot re-reads every row that exists, but a row deleted in the
 *       purged changes would never be deleted from bronze, so upserting over the old rows is not enough;</li>
 *   <li>the connector resumes without offsets and snapshots the shop; the CDC job upserts it into bronze, and the
 *       binlog is followed from the snapshot's position on.</li>
 * </ol>
 * Until the snapshot has landed, bronze holds part of the shop; the catch-up that calls this waits until every CDC
 * bronze table equals its MySQL table again, and silver and gold are only built after that.
 */
public final class CdcSnapshot {
    private static final Duration COMMIT_WAIT = Duration.ofMinutes(3);

    private final ProbeTarget stack;
    private final FlinkJobs jobs;
    private final TrinoEndpoint trino;

    public CdcSnapshot(ProbeTarget stack, FlinkJobs jobs, TrinoEndpoint trino) {
        this.stack = requireNonNull(stack, "stack");
        this.jobs = requireNonNull(jobs, "jobs");
        this.trino = requireNonNull(trino, "trino");
    }

    /** Takes it; {@code progress} gets each step. Returns what was done, in words. */
    public String take(Consumer<String> progress) throws Exception {
        progress.accept("stopping " + CdcConnectorStep.CONNECTOR + " and deleting its offsets");
        CdcConnectorStep.stopAndForgetPosition(stack);
        jobs.awaitCaughtUp(StreamingJob.CDC_TO_BRONZE, COMMIT_WAIT, progress);
        progress.accept("emptying the CDC bronze tables");
        try (Connection lake = trino.connect(); Statement bronze = lake.createStatement()) {
            for (ShopTable table : ShopSchema.TABLES) {
                bronze.execute("DELETE FROM lakehouse.bronze." + table.name());
            }
        }
        CdcConnectorStep.resume(stack);
        progress.accept(CdcConnectorStep.CONNECTOR + " resumed without offsets: it snapshots the shop");
        return CdcConnectorStep.CONNECTOR + "'s offsets deleted, bronze " + ShopSchema.TABLES.stream()
                .map(ShopTable::name).toList() + " emptied and snapshotted again from MySQL";
    }
}
