package io.lakehouse.seed.streaming;

import io.lakehouse.shop.ShopSchema;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A streaming job of the seed pipeline in the job jar ({@code jobs/flink}): its Flink job name (how an already
 * running copy is recognised), main class, and the Kafka consumer group and topics whose lag says whether it has
 * caught up. The names are the constants {@code NAME}/{@code CONSUMER_GROUP} of the job classes. The bronze tables
 * it writes (schema-qualified, in the lakehouse catalog) are the ones whose small files {@code lakehouse maintain}
 * compacts: a streaming job commits on every checkpoint.
 */
public record StreamingJob(String name, String entryClass, String consumerGroup, List<String> topics,
                           boolean writesServingStore, List<String> bronzeTables) {
    public static final StreamingJob CDC_TO_BRONZE = new StreamingJob("lakehouse-cdc-to-bronze",
            "io.lakehouse.jobs.flink.CdcToBronzeJob", "lakehouse-cdc-to-bronze",
            List.of("cdc.shop.orders", "cdc.shop.order_items", "cdc.shop.payments", "cdc.shop.shipments"), false,
            ShopSchema.TABLES.stream().map(table -> "bronze." + table.name()).toList());
    public static final StreamingJob EVENTS = new StreamingJob("lakehouse-events",
            "io.lakehouse.jobs.flink.EventsJob", "lakehouse-events", List.of("shop.events"), true,
            List.of("bronze.events"));
    public static final List<StreamingJob> ALL = List.of(CDC_TO_BRONZE, EVENTS);

    public StreamingJob {
        requireNonNull(name, "name");
        requireNonNull(entryClass, "entryClass");
        requireNonNull(consumerGroup, "consumerGroup");
        topics = List.copyOf(topics);
        bronzeTables = List.copyOf(bronzeTables);
    }

    /** Every bronze table a streaming job writes, in the jobs' order. */
    public static List<String> allBronzeTables() {
        return ALL.stream().flatMap(job -> job.bronzeTables().stream()).toList();
    }

    public static StreamingJob named(String name) {
        return ALL.stream().filter(j -> j.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no streaming job '" + name + "'; the jobs are "
                        + ALL.stream().map(StreamingJob::name).toList()));
    }
}
