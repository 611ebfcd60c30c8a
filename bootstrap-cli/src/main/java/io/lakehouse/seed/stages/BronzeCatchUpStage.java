package io.lakehouse.seed.stages;

import io.lakehouse.bootstrap.CdcConnectorStep;
import io.lakehouse.wait.RetryPolicy;
import io.lakehouse.seed.SeedContext;
import io.lakehouse.seed.SeedStage;
import io.lakehouse.seed.StageResult;
import io.lakehouse.seed.streaming.CdcSnapshot;
import io.lakehouse.seed.streaming.FlinkJobs;
import io.lakehouse.seed.streaming.StreamingJob;
import io.lakehouse.sql.TrinoEndpoint;
import io.lakehouse.shop.ShopFingerprint;
import io.lakehouse.shop.ShopSchema;
import io.lakehouse.shop.ShopTable;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Waits until the streaming side has landed everything: both jobs caught up with their topics (and committed to
 * Iceberg), and every CDC bronze table equal to its MySQL table in count and content (Debezium may still be
 * publishing the last changes when the jobs first catch up).
 */
public final class BronzeCatchUpStage implements SeedStage {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    @Override
    public String name() {
        return "bronze catch-up";
    }

    @Override
    public StageResult run(SeedContext context) throws Exception {
        long began = System.nanoTime();
        FlinkJobs jobs = context.flinkJobs();
        TrinoEndpoint trino = TrinoEndpoint.of(context.stack(), "lakehouse", null);
        Optional<String> snapshotTaken = Optional.empty();
        Wait wait = awaitBronze(context, jobs, trino, true);
        if (wait.purged != null) {
            // its binlog position was purged: the changes in between are gone, a new snapshot is the way back
            context.progress().update(name(), "change data capture lost its binlog position: " + wait.purged);
            snapshotTaken = Optional.of(new CdcSnapshot(context.stack(), jobs, trino)
                    .take(line -> context.progress().update(name(), line)));
            wait = awaitBronze(context, jobs, trino, false);
        }
        if (!wait.behind.isEmpty()) {
            throw new IllegalStateException("bronze did not catch up with MySQL within " + TIMEOUT.toMinutes()
                    + " min: " + String.join(", ", wait.behind) + " (see 'lakehouse status kafka-connect' and "
                    + "'lakehouse streaming status')");
        }
        return new StageResult(name(), "bronze equals MySQL (orders, order_items, payments, shipments) "
                + "and every event is in bronze.events" + snapshotTaken.map(taken -> "; the CDC connector's "
                + "binlog position had been purged from MySQL: " + taken).orElse(""), 0,
                (System.nanoTime() - began) / 1e9);
    }

    /** How a wait for bronze ended: the tables still behind (none: caught up), or the purge that ended it. */
    private static final class Wait {
        List<String> behind = List.of("not checked yet");
        String purged;
    }

    /**
     * Waits, within {@link #TIMEOUT}, until both jobs have caught up and bronze equals MySQL; a connector that
     * failed ends the wait at once: with its failure when its binlog position was purged and {@code purgeEndsTheWait}
     * (the caller takes a new snapshot), thrown otherwise (it does not restart by itself: no change would come).
     */
    private Wait awaitBronze(SeedContext context, FlinkJobs jobs, TrinoEndpoint trino, boolean purgeEndsTheWait)
            throws Exception {
        Wait wait = new Wait();
        long until = System.nanoTime() + TIMEOUT.toNanos();
        new RetryPolicy("bronze equal to MySQL", Duration.ofSeconds(2), TIMEOUT).awaitChecked(() -> {
            awaitBoth(jobs, Duration.ofNanos(Math.max(1, until - System.nanoTime())), context);
            wait.behind = tablesBehind(context, trino);
            // checked also when bronze happens to equal MySQL at this moment: the next change would not arrive
            Optional<String> failed = CdcConnectorStep.failure(context.stack());
            if (failed.isPresent() && purgeEndsTheWait && CdcConnectorStep.positionPurged(failed.get())) {
                wait.purged = failed.get();
                return true;
            }
            if (failed.isPresent()) {
                throw new IllegalStateException("change data capture stopped: " + failed.get()
                        + (wait.behind.isEmpty() ? "" : " (" + String.join(", ", wait.behind) + ")")
                        + "; see ./lakehouse logs kafka-connect");
            }
            if (!wait.behind.isEmpty()) {
                context.progress().update(name(), "waiting for change data capture: " + String.join(", ", wait.behind));
            }
            return wait.behind.isEmpty();
        });
        return wait;
    }

    /**
     * Waits for both jobs at once: each wait ends with a checkpoint of its own job, so waiting one after the other
     * would add the two checkpoints' times.
     */
    private void awaitBoth(FlinkJobs jobs, Duration timeout, SeedContext context) throws Exception {
        ExecutorService waits = Executors.newFixedThreadPool(StreamingJob.ALL.size());
        try {
            List<Future<Duration>> waiting = new ArrayList<>();
            // one progress line for both: each job's latest word, in a fixed order
            Map<String, String> latest = new ConcurrentSkipListMap<>();
            for (StreamingJob job : StreamingJob.ALL) {
                waiting.add(waits.submit(() -> jobs.awaitCaughtUp(job, timeout, line -> {
                    latest.put(job.name(), line);
                    context.progress().update(name(), String.join("; ", latest.values()));
                })));
            }
            for (Future<Duration> wait : waiting) {
                try {
                    wait.get();
                } catch (ExecutionException failed) {
                    throw failed.getCause() instanceof Exception cause ? cause : failed;
                }
            }
        } finally {
            waits.shutdownNow();
        }
    }

    private static List<String> tablesBehind(SeedContext context, TrinoEndpoint trino) throws SQLException {
        List<String> behind = new ArrayList<>();
        try (Connection mysql = context.mysql(); Statement source = mysql.createStatement();
             Connection lake = trino.connect(); Statement bronze = lake.createStatement()) {
            for (ShopTable table : ShopSchema.TABLES) {
                ShopFingerprint want = ShopFingerprint.of(source, ShopFingerprint.mysqlQuery(table));
                ShopFingerprint have;
                try {
                    have = ShopFingerprint.of(bronze, ShopFingerprint.trinoQuery(table, "lakehouse.bronze"));
                } catch (SQLException missing) {
                    have = ShopFingerprint.EMPTY;
                }
                if (!want.equals(have)) {
                    behind.add(table.name() + " (" + have.rows() + " of " + want.rows() + " rows)");
                }
            }
        }
        return behind;
    }
}
