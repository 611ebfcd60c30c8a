package io.lakehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehouse.bootstrap.Bootstrap;
import io.lakehouse.bootstrap.CdcConnectorStep;
import io.lakehouse.runtime.RuntimeKind;
import io.lakehouse.bootstrap.KafkaTopicsStep;
import io.lakehouse.bootstrap.PlatformTopics;
import io.lakehouse.bootstrap.StepOutcome;
import io.lakehouse.runtime.ServiceStatus;
import io.lakehouse.stack.ProbeTarget;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Change data capture end to end on the local runtime: bootstrap registers the Debezium connector {@code shop-cdc}
 * with the Kafka Connect worker; inserts, updates and deletes committed in MySQL as the application user arrive on
 * {@code cdc.shop.cdc_probe} as Debezium change envelopes in plain JSON (contracts: decimals as strings, DATETIME as
 * epoch milliseconds, no tombstones). Also measures commit-to-Kafka latency and the worker's resident memory.
 */
@Order(1)
@LocalStackTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaConnectCdcIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "cdc.shop.cdc_probe";
    private static final Duration ARRIVAL_TIMEOUT = Duration.ofSeconds(60);

    private StackEndpoints endpoints;
    private LocalStack stack;
    private KafkaConsumer<String, String> consumer;
    /** Ids unique to this run: the topic keeps the events of earlier runs on the same state directory. */
    private final long runBase = System.currentTimeMillis() * 1000;

    @BeforeAll
    void registerConnector(LocalStack stack) throws Exception {
        this.stack = stack;
        endpoints = stack.endpoints();
        ProbeTarget target = stack.runtime().endpoints();
        // the table first: a table created while the connector's first snapshot runs (after it listed the tables,
        // before it read the binlog position) has no schema known to the connector, which then fails on its first
        // row ("Encountered change event for table shop.cdc_probe whose schema isn't known"; seen in a CI run)
        try (Connection db = mysql(); Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE IF NOT EXISTS cdc_probe (id BIGINT PRIMARY KEY, label VARCHAR(32) NOT NULL, "
                    + "amount DECIMAL(10,2) NOT NULL, changed_at DATETIME(3) NOT NULL)");
        }
        Bootstrap bootstrap = new Bootstrap(List.of(new KafkaTopicsStep(PlatformTopics.ALL), 
                CdcConnectorStep.on(RuntimeKind.LOCAL, stack.layout())));
        bootstrap.apply(target, List.of("kafka", "kafka-connect"));
        // a second run finds the same config: nothing is written again
        StepOutcome again = bootstrap.apply(target, List.of("kafka-connect")).get(0);
        assertFalse(again.created(), "second bootstrap changed the connector: " + again);
        assertTrue(again.detail().startsWith("unchanged"), again.detail());
        awaitConnectorRunning();
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrap(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                // answer a fetch as soon as one record is there: the latency measured is CDC's, not the consumer's
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"));
        // RUNNING comes before the snapshot ends, and changes committed before the snapshot's binlog position are
        // only in the snapshot: wait until a first change of this run arrived (as a snapshot read or a stream
        // event); everything committed after it is streamed from the binlog.
        try (Connection db = mysql()) {
            execute(db, "INSERT INTO cdc_probe VALUES (?, 'sentinel', 0.00, NOW(3))", runBase);
        }
        assignFromBeginning();
        String op = JSON.readTree(await(runBase, 1).get(0).value()).path("op").asText();
        assertTrue(op.equals("c") || op.equals("r"), "first event of this run: op " + op);
    }

    @AfterAll
    void closeConsumer() {
        if (consumer != null) {
            consumer.close();
        }
    }

    @Test
    void insertUpdateAndDeleteArriveAsChangeEvents() throws Exception {
        long id = runBase + 1;
        try (Connection db = mysql()) {
            execute(db, "INSERT INTO cdc_probe VALUES (?, 'created', 12.50, '2026-01-02 03:04:05.678')", id);
            execute(db, "UPDATE cdc_probe SET label = 'updated', amount = 99.99 WHERE id = ?", id);
            execute(db, "DELETE FROM cdc_probe WHERE id = ?", id);
        }
        List<ConsumerRecord<String, String>> events = await(id, 3);

        for (ConsumerRecord<String, String> event : events) {
            // the key is the primary key as plain JSON, no schema envelope
            assertEquals(JSON.createObjectNode().put("id", id), JSON.readTree(event.key()), event.key());
            assertTrue(event.value() != null, "no tombstones (tombstones.on.delete=false)");
        }
        JsonNode created = JSON.readTree(events.get(0).value());
        assertEquals("c", created.path("op").asText(), created.toString());
        assertTrue(created.path("before").isNull(), created.toString());
        assertEquals("created", created.path("after").path("label").asText());
        assertEquals("12.50", created.path("after").path("amount").asText(), "decimal.handling.mode=string");
        assertTrue(created.path("after").path("amount").isTextual(), "decimal as a JSON string");
        // DATETIME(3) as epoch milliseconds of the wall-clock value (io.debezium.time.Timestamp, no time zone)
        assertEquals(1767323045678L, created.path("after").path("changed_at").asLong(), created.toString());
        assertEquals("shop", created.path("source").path("db").asText());
        assertEquals("cdc_probe", created.path("source").path("table").asText());

        JsonNode updated = JSON.readTree(events.get(1).value());
        assertEquals("u", updated.path("op").asText(), updated.toString());
        assertEquals("created", updated.path("before").path("label").asText(), "binlog_row_image=FULL gives before");
        assertEquals("updated", updated.path("after").path("label").asText());
        assertEquals("99.99", updated.path("after").path("amount").asText());

        JsonNode deleted = JSON.readTree(events.get(2).value());
        assertEquals("d", deleted.path("op").asText(), deleted.toString());
        assertEquals("updated", deleted.path("before").path("label").asText());
        assertTrue(deleted.path("after").isNull(), deleted.toString());
    }

    @Test
    void commitToKafkaLatencyAndWorkerMemory() throws Exception {
        List<Long> latenciesMs = new ArrayList<>();
        try (Connection db = mysql()) {
            consumer.seekToEnd(consumer.assignment());
            for (int i = 1; i <= 20; i++) {
                long id = runBase + 100 + i;
                execute(db, "INSERT INTO cdc_probe VALUES (?, 'latency', 1.00, NOW(3))", id);
                long committed = System.nanoTime();
                await(id, 1);
                latenciesMs.add((System.nanoTime() - committed) / 1_000_000);
            }
        }
        Collections.sort(latenciesMs);
        long median = (latenciesMs.get(9) + latenciesMs.get(10)) / 2;
        long rssKb = workerResidentKb();
        System.out.printf("[cdc] commit -> event in Kafka over 20 inserts: median %d ms, p95 %d ms, max %d ms (all: %s)%n",
                median, latenciesMs.get(18), latenciesMs.get(19), latenciesMs);
        System.out.printf("[cdc] kafka-connect worker resident memory: %d MB%n", rssKb / 1024);
        assertTrue(median < 5_000, "median commit-to-Kafka latency " + median + " ms; the binlog reader lags");
    }

    private void awaitConnectorRunning() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI status = URI.create("http://" + endpoints.host() + ":" + endpoints.port("CONNECT_PORT")
                + "/connectors/" + CdcConnectorStep.CONNECTOR + "/status");
        long deadline = System.nanoTime() + ARRIVAL_TIMEOUT.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(status).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            last = response.body();
            if (response.statusCode() == 200) {
                JsonNode node = JSON.readTree(last);
                if ("FAILED".equals(node.path("connector").path("state").asText())
                        || "FAILED".equals(node.path("tasks").path(0).path("state").asText())) {
                    fail("connector failed: " + last);
                }
                if ("RUNNING".equals(node.path("tasks").path(0).path("state").asText())) {
                    return;
                }
            }
            Thread.sleep(250);
        }
        fail("connector not RUNNING within " + ARRIVAL_TIMEOUT + ": " + last);
    }

    /** Assigns the probe topic's partitions once the worker created it, reading from the start. */
    private void assignFromBeginning() throws InterruptedException {
        long deadline = System.nanoTime() + ARRIVAL_TIMEOUT.toNanos();
        while (true) {
            List<PartitionInfo> partitions = consumer.listTopics(Duration.ofSeconds(5)).get(TOPIC);
            if (partitions != null) {
                List<TopicPartition> assigned = partitions.stream()
                        .map(p -> new TopicPartition(TOPIC, p.partition())).toList();
                consumer.assign(assigned);
                consumer.seekToBeginning(assigned);
                return;
            }
            if (System.nanoTime() > deadline) {
                fail("topic " + TOPIC + " was not created within " + ARRIVAL_TIMEOUT
                        + " (the worker creates it: topic.creation.default.*)");
            }
            Thread.sleep(100);
        }
    }

    /** Reads until {@code count} events keyed by {@code id} arrived, in order. */
    private List<ConsumerRecord<String, String>> await(long id, int count) throws Exception {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        long deadline = System.nanoTime() + ARRIVAL_TIMEOUT.toNanos();
        while (found.size() < count) {
            if (System.nanoTime() > deadline) {
                fail("only " + found.size() + " of " + count + " change events for id " + id + " arrived within "
                        + ARRIVAL_TIMEOUT + ": " + found);
            }
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(20))) {
                if (record.key() != null && JSON.readTree(record.key()).path("id").asLong() == id) {
                    found.add(record);
                }
            }
        }
        return found;
    }

    private long workerResidentKb() throws Exception {
        ServiceStatus worker = stack.runtime().status(List.of(stack.catalog().get("kafka-connect"))).get(0);
        Optional<Long> pid = worker.pid().map(Number::longValue);
        assertTrue(pid.isPresent(), "kafka-connect has a pid: " + worker);
        for (String line : Files.readAllLines(Path.of("/proc/" + pid.get() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for pid " + pid.get());
    }

    private Connection mysql() throws Exception {
        return DriverManager.getConnection(endpoints.mysqlUrl("shop"), "lakehouse", endpoints.secret("MYSQL_PASSWORD"));
    }

    private static void execute(Connection db, String sql, long id) throws Exception {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            statement.setLong(1, id);
            assertEquals(1, statement.executeUpdate(), sql);
        }
    }
}
