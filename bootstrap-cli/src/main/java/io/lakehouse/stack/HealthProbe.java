package io.lakehouse.stack;

/**
 * A protocol-level health check: it speaks the service's own protocol (a Kafka admin call, a metastore Thrift call,
 * {@code SELECT 1}), never just an open port. Implementations must return promptly (a few seconds at most)
 * and never throw: a failure is an unhealthy result that says what went wrong.
 */
public interface HealthProbe {
    /** What this probe does, for messages: "Kafka admin describeCluster on port 9092". */
    String describe();

    ProbeResult probe(ProbeTarget target);
}
