package io.lakehouse.bootstrap;

import java.time.Duration;
import java.util.List;

/**
 * Every Kafka topic the platform uses, declared here and nowhere else. The broker does not auto-create topics
 * ({@code auto.create.topics.enable=false}): a typo in a producer fails instead of creating a stray topic.
 */
public final class PlatformTopics {
    private static final Duration WEEK = Duration.ofDays(7);

    /** Clickstream events of the shop (page views, add-to-cart, purchases), keyed by event id. */
    public static final TopicSpec EVENTS = new TopicSpec("shop.events", 3, WEEK, "clickstream events, key = event id");

    public static final List<TopicSpec> ALL = List.of(
            EVENTS,
            new TopicSpec("cdc.shop.orders", 1, WEEK, "change events of shop.orders (Debezium)"),
            new TopicSpec("cdc.shop.order_items", 1, WEEK, "change events of shop.order_items (Debezium)"),
            new TopicSpec("cdc.shop.payments", 1, WEEK, "change events of shop.payments (Debezium)"),
            new TopicSpec("cdc.shop.shipments", 1, WEEK, "change events of shop.shipments (Debezium)"),
            new TopicSpec("cdc.schema-history", 1, null, "the CDC reader's schema history; kept forever"),
            new TopicSpec("quarantine", 1, Duration.ofDays(30), "records that failed validation, with the reason"));

    private PlatformTopics() {
    }
}
