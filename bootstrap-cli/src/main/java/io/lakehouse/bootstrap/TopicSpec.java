package io.lakehouse.bootstrap;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/** A Kafka topic the platform uses: partitions, retention (null: forever), and what it carries. */
public record TopicSpec(String name, int partitions, Duration retention, String carries) {
    public TopicSpec {
        requireNonNull(name, "name");
        requireNonNull(carries, "carries");
        if (partitions < 1) {
            throw new IllegalArgumentException("a topic has at least one partition: " + name);
        }
    }

    /** Kafka's {@code retention.ms}: -1 keeps records forever. */
    public String retentionMs() {
        return retention == null ? "-1" : Long.toString(retention.toMillis());
    }
}
