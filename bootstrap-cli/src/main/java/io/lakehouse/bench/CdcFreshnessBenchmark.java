package io.lakehouse.bench;

import io.lakehouse.wait.RetryPolicy;
import io.lakehouse.sql.TrinoEndpoint;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * CDC freshness: the time from a committed change in MySQL to the changed row being visible in Trino over the bronze
 * table (Debezium, Kafka, the Flink upsert job and its Iceberg commit in between). Each change sets a distinct
 * {@code updated_at} on a seeded order that the application's changes never touch, then Trino is polled for it.
 */
public final class CdcFreshnessBenchmark {
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    /** A committed change becoming visible in Trino: asked every 100 ms, for up to two minutes. */
    private static final RetryPolicy VISIBLE = new RetryPolicy("change visible in Trino", Duration.ofMillis(100),
            Duration.ofMinutes(2));

    private final Connection mysql;
    private final TrinoEndpoint trino;
    private final Consumer<String> progress;

    public CdcFreshnessBenchmark(Connection mysql, TrinoEndpoint trino, Consumer<String> progress) {
        this.mysql = requireNonNull(mysql, "mysql");
        this.trino = requireNonNull(trino, "trino");
        this.progress = requireNonNull(progress, "progress");
    }

    public LatencySummary run(int changes) throws SQLException, InterruptedException {
        List<Double> millis = new ArrayList<>();
        LocalDateTime base = LocalDateTime.of(2030, 1, 1, 0, 0).plusSeconds(System.currentTimeMillis() / 1000 % 86_400);
        try (Connection lake = trino.connect();
             PreparedStatement update = mysql.prepareStatement("UPDATE orders SET updated_at = ? WHERE order_id = ?");
             PreparedStatement visible = lake.prepareStatement("SELECT count(*) FROM lakehouse.bronze.orders "
                     + "WHERE order_id = ? AND updated_at = CAST(? AS timestamp(6))")) {
            for (int i = 1; i <= changes; i++) {
                long orderId = 20L * i + 1;   // never a multiple of 20: the seed's cancellations stay as they are
                String stamp = base.plusNanos(i * 1_000_000L).format(MILLIS);
                update.setString(1, stamp);
                update.setLong(2, orderId);
                long committed = System.nanoTime();
                if (update.executeUpdate() != 1) {
                    throw new IllegalStateException("order " + orderId + " is not in MySQL's shop.orders: seed first");
                }
                visible.setLong(1, orderId);
                visible.setString(2, stamp);
                boolean seen = VISIBLE.awaitChecked(() -> {
                    try (ResultSet rs = visible.executeQuery()) {
                        return rs.next() && rs.getLong(1) == 1;
                    }
                });
                if (!seen) {
                    throw new IllegalStateException("change " + i + " (order " + orderId + ") not visible in Trino "
                            + "after " + VISIBLE.timeout().toSeconds() + " s: is the CDC job running? "
                            + "('lakehouse streaming status')");
                }
                double elapsed = (System.nanoTime() - committed) / 1e6;
                millis.add(elapsed);
                progress.accept(String.format("change %d/%d: visible after %.0f ms", i, changes, elapsed));
            }
        }
        return LatencySummary.of(millis);
    }
}
