package io.lakehouse.seed;

import io.lakehouse.bootstrap.KafkaTopicsStep;
import io.lakehouse.bootstrap.PlatformTopics;
import io.lakehouse.bootstrap.TopicSpec;
import io.lakehouse.seed.streaming.StreamingJob;
import io.lakehouse.serving.ServingStore;
import io.lakehouse.shop.ShopSchema;
import io.lakehouse.shop.ShopTable;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code lakehouse seed --reset}: removes what seed made, so the next seed starts over — the streaming jobs with
 * their checkpoints and offsets, the shop's MySQL tables, the seed's Kafka topics (recreated empty), the bronze
 * tables seed writes and every table of the derived layers silver and gold, and the serving store's rows. Tables a
 * user loaded into bronze with {@code lakehouse load} stay.
 */
public final class SeedReset {
    /** Kafka deletes topics asynchronously: they leave its list of topics a moment after the call. */
    private static final io.lakehouse.wait.RetryPolicy TOPICS_DELETED = new io.lakehouse.wait.RetryPolicy(
            "topics deleted", java.time.Duration.ofMillis(500), java.time.Duration.ofSeconds(60));
    /** Until the deletion has completed on the broker, creating the same topic is refused. */
    private static final io.lakehouse.wait.RetryPolicy TOPICS_RECREATED = new io.lakehouse.wait.RetryPolicy(
            "topics recreated", java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(60));

    static final List<String> BRONZE_TABLES = List.of("customers", "stores", "products", "quarantine", "orders",
            "order_items", "payments", "shipments", "events");
    static final List<String> DERIVED_NAMESPACES = List.of("silver", "gold");

    public void run(SeedContext context) throws Exception {
        SeedProgress progress = context.progress();
        context.flinkJobs()
                .reset(StreamingJob.ALL, line -> progress.update("reset", line));
        try (Connection mysql = context.mysql(); Statement sql = mysql.createStatement()) {
            for (ShopTable table : ShopSchema.TABLES) {
                sql.execute("DROP TABLE IF EXISTS " + table.name());
            }
            progress.update("reset", "dropped the shop's MySQL tables");
        }
        List<TopicSpec> topics = PlatformTopics.ALL.stream()
                .filter(t -> t.name().equals(PlatformTopics.EVENTS.name()) || t.name().startsWith("cdc.shop."))
                .toList();
        recreateTopics(context, topics);
        Catalog catalog = context.catalog();
        int dropped = 0;
        for (String table : BRONZE_TABLES) {
            dropped += catalog.dropTable(TableIdentifier.of("bronze", table), true) ? 1 : 0;
        }
        for (String namespace : DERIVED_NAMESPACES) {
            for (TableIdentifier table : catalog.listTables(Namespace.of(namespace))) {
                dropped += catalog.dropTable(table, true) ? 1 : 0;
            }
        }
        progress.update("reset", "dropped " + dropped + " Iceberg table(s) of bronze, silver and gold");
        try (ServingStore store = ServingStore.connect(context.stack().hostOf("SERVING_STORE_PORT"), context.stack().port("SERVING_STORE_PORT"))) {
            int emptied = 0;
            // a table (or the keyspace) bootstrap has not made yet holds no rows: nothing to empty there
            for (var table : ServingStore.TABLES) {
                if (!store.columnsOf(table.name()).isEmpty()) {
                    store.session().execute("TRUNCATE " + ServingStore.KEYSPACE + "." + table.name());
                    emptied++;
                }
            }
            progress.update("reset", "emptied " + emptied + " table(s) of the serving store");
        }
    }

    private static void recreateTopics(SeedContext context, List<TopicSpec> topics) throws Exception {
        String bootstrap = context.stack().everyAddress("KAFKA_PORT");
        Set<String> names = Set.copyOf(topics.stream().map(TopicSpec::name).toList());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> present = admin.listTopics().names().get(20, TimeUnit.SECONDS);
            List<String> existing = names.stream().filter(present::contains).toList();
            admin.deleteTopics(existing).all().get(60, TimeUnit.SECONDS);
            if (!TOPICS_DELETED.awaitChecked(() -> admin.listTopics().names().get(20, TimeUnit.SECONDS).stream()
                    .noneMatch(names::contains))) {
                throw new IllegalStateException("Kafka did not finish deleting " + names + " within "
                        + TOPICS_DELETED.timeout().toSeconds() + " s");
            }
        }
        // deletion completes asynchronously on the broker: retry creation until it is accepted
        Exception[] refused = new Exception[1];
        if (!TOPICS_RECREATED.awaitChecked(() -> {
            try {
                new KafkaTopicsStep(topics).apply(context.stack());
                return true;
            } catch (Exception e) {
                refused[0] = e;
                return false;
            }
        })) {
            throw refused[0];
        }
        context.progress().update("reset", "recreated " + names.size() + " empty topic(s)");
    }
}
