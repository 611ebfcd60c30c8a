package io.lakehouse.seed.streaming;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A streaming job of the seed pipeline in the job jar ({@code jobs/flink}): its Flink job name (how an already
 * running copy is recognised), main class, and the Kafka consumer group and topics whose lag says whether it has
 * caught up. The names are the constants {@code NAME}/{@code CONSUMER_GROUP} of the job classes.
 */
public record StreamingJob(String name, String entryClass, String consumerGroup, List<String> topics,
                           boolean writesServingStore) {
    public static final StreamingJob CDC_TO_BRONZE = new StreamingJob("lakehouse-cdc-to-bronze",
            "io.lakehouse.jobs.flink.CdcToBronzeJob", "lakehouse-cdc-to-bronze",
            List.of("cdc.shop.orders", "cdc.shop.order_items", "cdc.shop.payments", "cdc.shop.shipments"), false);
    public static final StreamingJob EVENTS = new StreamingJob("lakehouse-events",
            "io.lakehouse.jobs.flink.EventsJob", "lakehouse-events", List.of("shop.events"), true);
    public static final List<StreamingJob> ALL = List.of(CDC_TO_BRONZE, EVENTS);

    public StreamingJob {
        requireNonNull(name, "name");
        requireNonNull(entryClass, "entryClass");
        requireNonNull(consumerGroup, "consumerGroup");
        topics = List.copyOf(topics);
    }

    public static StreamingJob named(String name) {
        return ALL.stream().filter(j -> j.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no streaming job '" + name + "'; the jobs are "
                        + ALL.stream().map(StreamingJob::name).toList()));
    }
}
