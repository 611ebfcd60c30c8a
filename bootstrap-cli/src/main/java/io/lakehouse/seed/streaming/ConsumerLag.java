package io.lakehouse.seed.streaming;

import io.lakehouse.wait.RetryPolicy;

import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * How far a job's consumer group is behind the end of its topics. Flink's Kafka source commits its offsets to the
 * group when a checkpoint completes, the same moment the Iceberg sink commits: zero lag means everything produced
 * so far has been checkpointed. Transactional producers leave commit markers in the log, which take an offset but
 * hold no record a consumer sees: a small offset gap is therefore read (committed records only) before it counts.
 */
public final class ConsumerLag {
    /** Reading a partition to its end offset (the polls wait for records themselves): for up to 10 s. */
    private static final RetryPolicy READ_TO_END = new RetryPolicy("records read to the end offset", Duration.ZERO,
            Duration.ofSeconds(10));

    private final String bootstrap;

    public ConsumerLag(String bootstrap) {
        this.bootstrap = requireNonNull(bootstrap, "bootstrap");
    }

    /** Records not yet committed by the group, per partition (a partition it never committed counts in full). */
    public Map<TopicPartition, Long> lag(String group, List<String> topics) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000))) {
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get(20, TimeUnit.SECONDS).values()) {
                topic.partitions().forEach(p -> ends.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest()));
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> endOffsets =
                    admin.listOffsets(ends).all().get(20, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(20, TimeUnit.SECONDS);
            Map<TopicPartition, Long> lag = new HashMap<>();
            endOffsets.forEach((partition, end) -> {
                OffsetAndMetadata done = committed.get(partition);
                lag.put(partition, Math.max(0, end.offset() - (done == null ? 0 : done.offset())));
            });
            lag.replaceAll((partition, gap) -> gap > 0 && gap <= MARKER_GAP && committed.get(partition) != null
                    ? recordsAfter(partition, committed.get(partition).offset()) : gap);
            return lag;
        }
    }

    /** A gap this small may be only transaction markers: it is read to count the records really in it. */
    static final long MARKER_GAP = 1000;

    private long recordsAfter(TopicPartition partition, long offset) {
        java.util.Properties config = new java.util.Properties();
        config.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(org.apache.kafka.clients.consumer.ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(org.apache.kafka.clients.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> consumer =
                     new org.apache.kafka.clients.consumer.KafkaConsumer<>(config,
                             new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                             new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, offset);
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            long[] records = {0};
            boolean read = READ_TO_END.await(() -> {
                if (consumer.position(partition) >= end) {
                    return true;
                }
                records[0] += consumer.poll(java.time.Duration.ofMillis(500)).count();
                return false;
            });
            return read ? records[0] : end - offset;
        }
    }

    public long total(String group, List<String> topics) throws Exception {
        return lag(group, topics).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Deletes the groups' committed offsets; a group that does not exist is no error. */
    public void deleteGroups(List<String> groups) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            for (String group : groups) {
                try {
                    admin.deleteConsumerGroups(List.of(group)).all().get(20, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException)) {
                        throw e;
                    }
                }
            }
        }
    }
}
