package io.lakehouse.bootstrap;

import io.lakehouse.stack.ProbeTarget;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Creates the {@link PlatformTopics} that are missing; an existing topic with other partitions is reported. */
public final class KafkaTopicsStep implements BootstrapStep {
    private final List<TopicSpec> topics;

    public KafkaTopicsStep(List<TopicSpec> topics) {
        this.topics = List.copyOf(topics);
    }

    @Override
    public String name() {
        return "kafka topics";
    }

    @Override
    public List<String> needs() {
        return List.of("kafka");
    }

    @Override
    public List<StepOutcome> apply(ProbeTarget stack) throws Exception {
        List<StepOutcome> outcomes = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.everyAddress("KAFKA_PORT")))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            for (TopicSpec topic : topics) {
                if (existing.contains(topic.name())) {
                    TopicDescription description = admin.describeTopics(List.of(topic.name())).allTopicNames()
                            .get(30, TimeUnit.SECONDS).get(topic.name());
                    int partitions = description.partitions().size();
                    outcomes.add(new StepOutcome(name(), topic.name(), false, partitions == topic.partitions()
                            ? "present, " + partitions + " partition(s)"
                            : "present with " + partitions + " partition(s), declared " + topic.partitions()
                              + " (left as is: partitions cannot shrink)"));
                    continue;
                }
                // the broker's default.replication.factor and min.insync.replicas: min(3, N) and one less, from the
                // service model (KafkaService), so a scaled stack's topics are replicated without a number here
                NewTopic newTopic = new NewTopic(topic.name(), Optional.of(topic.partitions()), Optional.empty())
                        .configs(Map.of("retention.ms", topic.retentionMs()));
                try {
                    admin.createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TopicExistsException) {
                        // created a moment ago and not yet in the broker's metadata: it is there
                        outcomes.add(new StepOutcome(name(), topic.name(), false, "present (just created)"));
                        continue;
                    }
                    throw e;
                }
                outcomes.add(new StepOutcome(name(), topic.name(), true, "created, " + topic.partitions()
                        + " partition(s), retention " + (topic.retention() == null ? "forever" : topic.retention().toDays() + " days")));
            }
        }
        return outcomes;
    }
}
