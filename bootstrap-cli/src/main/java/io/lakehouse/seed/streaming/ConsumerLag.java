package io.lakehouse.seed.streaming;

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
 * so far has been checkpointed.
 */
public final class ConsumerLag {
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
            return lag;
        }
    }

    public long total(String group, List<String> topics) throws Exception {
        return lag(group, topics).values().stream().mapToLong(Long::longValue).sum();
    }
}
