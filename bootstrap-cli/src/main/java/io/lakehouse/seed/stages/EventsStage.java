package io.lakehouse.seed.stages;

import io.lakehouse.bootstrap.PlatformTopics;
import io.lakehouse.seed.SeedContext;
import io.lakehouse.seed.SeedStage;
import io.lakehouse.seed.StageResult;
import io.lakehouse.seed.sample.EventGenerator;
import io.lakehouse.seed.sample.ShopEvent;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The event stream: the deterministic events of this scale published to {@code shop.events} in one Kafka
 * transaction, so a consumer reading committed records sees all of them or none. Seed publishes only into an empty
 * topic; a topic that already holds exactly this scale's events is left alone (seed again changes nothing).
 */
public final class EventsStage implements SeedStage {
    static final String TOPIC = PlatformTopics.EVENTS.name();

    @Override
    public String name() {
        return "events -> kafka";
    }

    @Override
    public StageResult run(SeedContext context) throws Exception {
        long began = System.nanoTime();
        String bootstrap = context.stack().everyAddress("KAFKA_PORT");
        long expected = EventGenerator.count(context.scale());
        long present = committedRecords(bootstrap);
        if (present == expected) {
            context.progress().update(name(), String.format("%s already holds the %,d events", TOPIC, expected));
            return new StageResult(name(), String.format("present: %,d events in %s", expected, TOPIC), 0,
                    (System.nanoTime() - began) / 1e9);
        }
        if (present != 0) {
            throw new IllegalStateException(String.format("topic %s holds %,d events, expected none or %,d "
                    + "(scale %d); start over with 'lakehouse seed --reset'", TOPIC, present, expected, context.scale()));
        }
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "lakehouse-seed-events");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        long sent = 0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            EventGenerator events = new EventGenerator(context.scale());
            while (events.hasNext()) {
                ShopEvent event = events.next();
                producer.send(new ProducerRecord<>(TOPIC, event.eventId(), event.toJson()));
                if (++sent % 20_000 == 0) {
                    double seconds = (System.nanoTime() - began) / 1e9;
                    context.progress().update(name(), String.format("%,d / %,d events (%,.0f/s)", sent, expected,
                            sent / seconds));
                }
            }
            producer.commitTransaction();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        return new StageResult(name(), String.format("%,d events published to %s", sent, TOPIC), sent, seconds);
    }

    /** Records a read-committed consumer sees in the topic (aborted and in-flight transactions excluded). */
    public static long committedRecords(String bootstrap) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("Kafka topic " + TOPIC + " does not exist at " + bootstrap
                        + "; create the platform's topics with 'lakehouse bootstrap'");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long count = 0;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofSeconds(2));
                count += records.count();
            }
            return count;
        }
    }
}
