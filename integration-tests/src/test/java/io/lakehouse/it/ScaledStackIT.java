package io.lakehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehouse.runtime.GeneratedValues;
import io.lakehouse.runtime.PortAssignments;
import io.lakehouse.runtime.StackLayout;
import io.lakehouse.runtime.local.LocalRuntime;
import io.lakehouse.seed.sample.ShopEvent;
import io.lakehouse.stack.ScaleSpec;
import io.lakehouse.stack.ServiceCatalog;
import io.lakehouse.stack.ServiceDefinition;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16's scaled topology on the local runtime, through the CLI as a user runs it: {@code up --scale} the demo
 * scale, {@code seed}, {@code verify}; then the engines' own counters say the work spread (Trino's nodes and the
 * nodes its tasks ran on, the Spark master's workers and the cores each gave, Flink's TaskManagers, the HDFS blocks'
 * replicas), and the stack survives losing a DataNode (Trino reads every table whole) and a Kafka broker (producing
 * and consuming {@code shop.events} goes on with every acknowledged record read back once, and through Flink into
 * bronze). A stack of its own (state directory {@code target/lakehouse-scaled-state}, ports +16000), run alone
 * between the local and the compose stacks.
 *
 * <p>The three applications (Airflow, Superset, JupyterLab) are not started: none of them scales, nothing here uses
 * them, the local stack's classes test them, and on 2 cores they would slow every check here.
 */
@Tag(TestStacks.SCALED)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaledStackIT {
    static final String SCALE = ScaleSpec.DEMO.toString();
    /** What seed and verify work with ({@code Seed.SERVICES}); their dependencies and every instance come along. */
    private static final List<String> SERVICES = List.of("kafka-connect", "flink-taskmanager", "spark-connect",
            "trino", "serving-store");
    private static final Map<String, String> ENV = Map.of("LAKEHOUSE_PORT_OFFSET", "16000");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Path state;
    private ServiceCatalog catalog;
    private LocalRuntime runtime;
    private StackEndpoints endpoints;

    @BeforeAll
    void upAtTheDemoScale() {
        OtherStacks.assertNoneRunningBesides(TestStacks.SCALED);
        state = OtherStacks.scaledStateDir().toAbsolutePath().normalize();
        StackLayout layout = new StackLayout(Path.of(System.getProperty("lakehouse.home")), state);
        List<String> up = new ArrayList<>(List.of("up", "--runtime", "local", "--scale", SCALE));
        up.addAll(SERVICES);
        long began = System.nanoTime();
        Cli.Run run = Cli.run(state, ENV, up.toArray(String[]::new));
        assertEquals(0, run.exit(), run.out() + run.err());
        catalog = ServiceCatalog.standard().scaled(ScaleSpec.parse(SCALE));
        runtime = new LocalRuntime(layout, catalog, ENV::get);
        List<ServiceDefinition> running = catalog.all().stream().filter(s -> runtime.liveProcess(s).isPresent()).toList();
        PhaseLog.done(running.size() + " scaled service(s) healthy", began);
        endpoints = new StackEndpoints("127.0.0.1", PortAssignments.resolve(catalog.all(), ENV::get),
                GeneratedValues.load(layout.secretsFile()));
    }

    @AfterAll
    void down() {
        if (state == null || Boolean.getBoolean("lakehouse.it.keepStack")) {
            return;
        }
        long began = System.nanoTime();
        Cli.Run down = Cli.run(state, ENV, "down");
        List<String> left = OtherStacks.processesOf(state);
        assertEquals(List.of(), left, "processes of the scaled stack still run after down:\n" + down.out() + down.err());
        assertEquals(0, down.exit(), down.out() + down.err());
        PhaseLog.done("scaled stack down, no process left", began);
    }

    @Test
    @Order(1)
    void seedThenVerifyAgreeOnTheScaledStack() {
        long began = System.nanoTime();
        Cli.Run seed = Cli.run(state, ENV, "seed");
        assertEquals(0, seed.exit(), seed.out() + seed.err());
        PhaseLog.done("seed at the demo scale", began);
        Cli.Run verify = Cli.run(state, ENV, "verify");
        assertEquals(0, verify.exit(), verify.out() + verify.err());
        assertTrue(verify.out().contains("All 26 checks agree."), verify.out());
    }

    /** The coordinator and two workers; an aggregate's splits ran on both workers and none on the coordinator. */
    @Test
    @Order(2)
    void trinoSpreadsAnAggregateOverBothWorkers() throws Exception {
        try (Connection trino = endpoints.trino(); Statement sql = trino.createStatement()) {
            Map<String, Boolean> nodes = new TreeMap<>();
            try (ResultSet rs = sql.executeQuery("SELECT http_uri, coordinator FROM system.runtime.nodes "
                    + "WHERE state = 'active'")) {
                while (rs.next()) {
                    nodes.put(rs.getString(1), rs.getBoolean(2));
                }
            }
            assertEquals(3, nodes.size(), "active Trino nodes: " + nodes);
            assertEquals(1, nodes.values().stream().filter(c -> c).count(), "coordinators among " + nodes);
            String queryId;
            try (ResultSet rs = sql.executeQuery("SELECT event_type, count(*), count(DISTINCT session_id) "
                    + "FROM lakehouse.bronze.events GROUP BY 1")) {
                queryId = rs.unwrap(io.trino.jdbc.TrinoResultSet.class).getQueryId();
                while (rs.next()) {
                    assertTrue(rs.getLong(2) > 0);
                }
            }
            Map<String, Long> splits = io.lakehouse.bench.TrinoAggregateBenchmark.splitsByNode(trino, queryId);
            System.out.println("[scaled] Trino nodes " + nodes + "; splits of query " + queryId + " by node " + splits);
            nodes.forEach((node, coordinator) -> {
                if (!coordinator) {
                    assertTrue(splits.getOrDefault(node, 0L) > 0, "no split on worker " + node + ": " + splits);
                }
            });
            assertFalse(splits.keySet().stream().anyMatch(node -> node.endsWith(" (coordinator)")),
                    "a task ran on the coordinator: " + splits);
        }
    }

    /**
     * The Spark master's two workers, each giving the Connect application cores; Flink's two TaskManagers, each
     * running one of the two streaming jobs.
     */
    @Test
    @Order(3)
    void sparkHasTwoWorkersInUseAndFlinkTwoTaskManagers() throws Exception {
        JsonNode master = getJson("SPARK_MASTER_HTTP_PORT", "/json/");
        List<String> alive = new ArrayList<>();
        Map<String, Integer> coresUsed = new LinkedHashMap<>();
        master.path("workers").forEach(w -> {
            if ("ALIVE".equals(w.path("state").asText())) {
                alive.add(w.path("id").asText());
                coresUsed.put(w.path("webuiaddress").asText(), w.path("coresused").asInt());
            }
        });
        assertEquals(2, alive.size(), "alive Spark workers: " + master.path("workers"));
        coresUsed.forEach((worker, cores) -> assertTrue(cores > 0, "the Connect application has no executor on "
                + worker + ": " + coresUsed));
        JsonNode taskManagers = getJson("FLINK_JOBMANAGER_PORT", "/taskmanagers").path("taskmanagers");
        List<String> slots = new ArrayList<>();
        taskManagers.forEach(tm -> slots.add(tm.path("id").asText() + " " + tm.path("freeSlots").asInt() + "/"
                + tm.path("slotsNumber").asInt() + " free"));
        System.out.println("[scaled] Spark workers' cores in use " + coresUsed + "; Flink TaskManagers " + slots);
        assertEquals(2, taskManagers.size(), "Flink TaskManagers: " + taskManagers);
        // the two streaming jobs (one slot each) on two TaskManagers: taskmanager.load-balance.mode=slots
        taskManagers.forEach(tm -> assertTrue(tm.path("freeSlots").asInt() < tm.path("slotsNumber").asInt(),
                "a TaskManager runs no job: " + slots));
    }

    /** Every block of {@code bronze.orders}'s files (data and metadata) is on 3 DataNodes. */
    @Test
    @Order(4)
    void everyBlockOfBronzeOrdersHasThreeReplicas() throws Exception {
        Map<Integer, Integer> blocksByReplicas = new TreeMap<>();
        List<String> short_ = new ArrayList<>();
        try (FileSystem fs = hdfs()) {
            RemoteIterator<LocatedFileStatus> files = fs.listFiles(new org.apache.hadoop.fs.Path(
                    "/warehouse/bronze.db/orders"), true);
            while (files.hasNext()) {
                LocatedFileStatus file = files.next();
                for (BlockLocation block : file.getBlockLocations()) {
                    int replicas = block.getNames().length;
                    blocksByReplicas.merge(replicas, 1, Integer::sum);
                    if (replicas != 3) {
                        short_.add(file.getPath().getName() + " " + replicas);
                    }
                }
            }
        }
        System.out.println("[scaled] bronze.orders blocks by replica count: " + blocksByReplicas);
        assertFalse(blocksByReplicas.isEmpty(), "no block under /warehouse/bronze.db/orders");
        assertEquals(List.of(), short_, "blocks of bronze.orders without 3 replicas");
    }

    /** With a DataNode killed (SIGKILL), every table of the lakehouse reads back through Trino as before, whole. */
    @Test
    @Order(5)
    void withADataNodeKilledTrinoReadsEveryTableWhole() throws Exception {
        Map<String, String> before = everyTableRead();
        assertTrue(before.size() >= 10, "tables read: " + before.keySet());
        kill("datanode-2");
        Map<String, String> after = everyTableRead();
        assertEquals(before, after, "what Trino read of each table with datanode-2 killed");
        System.out.println("[scaled] with datanode-2 killed, " + after.size() + " tables read whole, as before");
    }

    /**
     * With a Kafka broker killed (SIGKILL) in the middle of producing to {@code shop.events} (acks=all, idempotent),
     * every record is acknowledged, a consumer reads each back exactly once, and the events job lands each in bronze
     * exactly once (read through Trino). The broker is {@code kafka}, the first: the one every client found the
     * cluster through before the platform's clients were given every broker's address.
     */
    @Test
    @Order(6)
    void withABrokerKilledProducingAndConsumingShopEventsGoesOnWithoutLoss() throws Exception {
        String topic = "shop.events";
        String prefix = "scaled-it-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        int count = 3000;
        String bootstrap = brokers();
        Properties consumerConfig = new Properties();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, Long> start = consumer.endOffsets(partitions);

            Properties producerConfig = new Properties();
            producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
            producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                    new StringSerializer())) {
                for (int i = 0; i < count; i++) {
                    if (i == count / 3) {
                        producer.flush();
                        kill("kafka");
                    }
                    String id = prefix + i;
                    ShopEvent event = new ShopEvent(id, "page_view", 1 + i % 97, "SKU-" + (i % 211), "s-" + i / 10,
                            1762000000000L + i * 1000L);
                    acks.add(producer.send(new ProducerRecord<>(topic, id, event.toJson())));
                    if (i % 100 == 0) {
                        Thread.sleep(20);
                    }
                }
                producer.flush();
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get(0, TimeUnit.SECONDS);   // throws if any record was not acknowledged
            }

            consumer.assign(partitions);
            start.forEach(consumer::seek);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<String, Integer> seen = new HashMap<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(2))) {
                    if (record.key() != null && record.key().startsWith(prefix)) {
                        seen.merge(record.key(), 1, Integer::sum);
                    }
                }
            }
            assertEquals(count, seen.size(), "records of this test read back from " + topic + " with the broker kafka killed");
            assertEquals(List.of(), seen.entrySet().stream().filter(e -> e.getValue() != 1).map(Map.Entry::getKey)
                    .limit(5).toList(), "records read more than once");
        }
        long landed = 0;
        long distinct = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        try (Connection trino = endpoints.trino(); Statement sql = trino.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet rs = sql.executeQuery("SELECT count(*), count(DISTINCT event_id) "
                        + "FROM lakehouse.bronze.events WHERE event_id LIKE '" + prefix + "%'")) {
                    rs.next();
                    landed = rs.getLong(1);
                    distinct = rs.getLong(2);
                }
                if (landed >= count) {
                    break;
                }
                Thread.sleep(2000);
            }
        }
        assertEquals(count, landed, "this test's events in bronze.events (the events job, with the broker kafka killed)");
        assertEquals(count, distinct, "distinct event ids of this test in bronze.events");
        System.out.println("[scaled] with the broker kafka killed, " + count + " events acknowledged, read back once each, "
                + "and landed once each in bronze.events");
        theKilledBrokerRejoinsWithUp();
    }

    /**
     * {@code up} starts the killed broker again (the runtime follows the stack: only what is not running starts), and
     * the cluster has its three brokers again. Left at two of three, the stack's {@code down} stopped both remaining
     * KRaft voters at once, and the last one's controlled shutdown, without a quorum, held on until it was killed.
     */
    private void theKilledBrokerRejoinsWithUp() throws Exception {
        Cli.Run up = Cli.run(state, ENV, "up", "--runtime", "local", "--scale", SCALE, "kafka");
        assertEquals(0, up.exit(), up.out() + up.err());
        assertTrue(runtime.liveProcess(catalog.get("kafka")).isPresent(), "kafka runs again after up:\n" + up.out());
        Properties adminConfig = new Properties();
        adminConfig.put(org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers());
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(adminConfig)) {
            int nodes = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < deadline
                    && (nodes = admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size()) < 3) {
                Thread.sleep(1000);
            }
            assertEquals(3, nodes, "brokers in the cluster after the killed one's up");
        }
        System.out.println("[scaled] the killed broker kafka rejoined with up: 3 brokers");
    }

    // ---- helpers ----

    /** Each table of the lakehouse catalog: its row count and a checksum of every column, read through Trino. */
    private Map<String, String> everyTableRead() throws Exception {
        Map<String, List<String>> columns = new TreeMap<>();
        try (Connection trino = endpoints.trino(); Statement sql = trino.createStatement()) {
            try (ResultSet rs = sql.executeQuery("SELECT table_schema || '.' || table_name, column_name, data_type "
                    + "FROM lakehouse.information_schema.columns WHERE table_schema NOT IN ('information_schema') "
                    + "ORDER BY 1, ordinal_position")) {
                while (rs.next()) {
                    String type = rs.getString(3);
                    List<String> of = columns.computeIfAbsent(rs.getString(1), t -> new ArrayList<>());
                    if (!type.startsWith("map") && !type.startsWith("array") && !type.startsWith("row")) {
                        of.add("checksum(\"" + rs.getString(2) + "\")");
                    }
                }
            }
            Map<String, String> read = new TreeMap<>();
            for (Map.Entry<String, List<String>> table : columns.entrySet()) {
                List<String> aggregates = new ArrayList<>(List.of("count(*)"));
                aggregates.addAll(table.getValue());
                String[] name = table.getKey().split("\\.", 2);
                try (ResultSet rs = sql.executeQuery("SELECT " + String.join(", ", aggregates) + " FROM lakehouse.\""
                        + name[0] + "\".\"" + name[1] + "\"")) {
                    rs.next();
                    StringBuilder values = new StringBuilder(rs.getString(1));
                    for (int i = 2; i <= aggregates.size(); i++) {
                        byte[] bytes = rs.getBytes(i);
                        values.append(' ').append(bytes == null ? "null" : java.util.HexFormat.of().formatHex(bytes));
                    }
                    read.put(table.getKey(), values.toString());
                }
            }
            return read;
        }
    }

    /** SIGKILL to the instance's process and its descendants; returns once they are gone. */
    private void kill(String name) throws Exception {
        ProcessHandle process = runtime.liveProcess(catalog.get(name)).orElseThrow(
                () -> new AssertionError(name + " is not running"));
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process);
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle p : all) {
            p.onExit().get(30, TimeUnit.SECONDS);
        }
        System.out.println("[scaled] killed " + name + " (pid " + process.pid() + ")");
    }

    /** Every broker's address for clients on the host (as the platform's own clients get it). */
    private String brokers() {
        List<String> brokers = new ArrayList<>();
        catalog.instancesOf("kafka").forEach(broker -> brokers.add("127.0.0.1:" + endpoints.port(broker.instance()
                .map(i -> i.ownVariables().get("KAFKA_PORT")).orElse("KAFKA_PORT"))));
        assertEquals(3, brokers.size(), "brokers: " + brokers);
        return String.join(",", brokers);
    }

    private FileSystem hdfs() throws Exception {
        Configuration conf = new Configuration(false);
        conf.set("fs.defaultFS", endpoints.hdfsUri());
        conf.setBoolean("fs.hdfs.impl.disable.cache", true);
        return FileSystem.get(URI.create(endpoints.hdfsUri()), conf);
    }

    private JsonNode getJson(String portVariable, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoints.port(portVariable)
                + path)).timeout(Duration.ofSeconds(10)).GET().build();
        return JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }
}
