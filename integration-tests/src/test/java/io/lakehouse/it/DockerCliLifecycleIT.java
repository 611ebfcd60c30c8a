package io.lakehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehouse.stack.PortSpec;
import io.lakehouse.stack.ServiceCatalog;
import io.lakehouse.stack.ServiceDefinition;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI's docker runtime for real: {@code up --runtime docker} brings the stack up healthy from the project's own
 * images, {@code status --json} reports containers, a Kafka record and an HDFS file survive {@code down} and
 * {@code up}, {@code down} leaves no container running, and {@code down --purge} removes the volumes. Skipped where
 * no Docker engine answers. Its own compose project, state directory and ports (defaults + {@value #PORT_OFFSET}).
 */
@Order(3)
@EnabledIf("io.lakehouse.it.DockerEngineAvailable#answers")
@Tag(TestStacks.DOCKER_CLI)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DockerCliLifecycleIT {
    // every port stays below 32768, out of Linux's ephemeral range (a client's outgoing port could hold it)
    static final int PORT_OFFSET = 14000;
    static final String PROJECT = "lakehouse-it-cli";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "it-docker-survives";
    private static final Path FILE = new Path("/it/docker-survives.txt");
    private static final java.nio.file.Path STATE = java.nio.file.Path.of(System.getProperty("lakehouse.it.stateDir")
            + "-docker");

    private static final Map<String, String> ENV = new HashMap<>();
    private static final Map<String, Integer> PORTS = new HashMap<>();

    static {
        ENV.put("LAKEHOUSE_COMPOSE_PROJECT", PROJECT);
        for (ServiceDefinition service : ServiceCatalog.standard().all()) {
            for (PortSpec spec : service.ports()) {
                PORTS.put(spec.variable(), spec.defaultPort() + PORT_OFFSET);
                ENV.put(spec.overrideVariable(), Integer.toString(spec.defaultPort() + PORT_OFFSET));
            }
        }
    }

    @BeforeAll
    static void noOtherTestStackRuns() {
        OtherStacks.assertNoneRunningBesides(TestStacks.DOCKER_CLI);
    }

    @AfterAll
    static void purge() {
        long began = System.nanoTime();
        cli("down", "--purge", "--yes");
        PhaseLog.done("docker CLI stack purged", began);
    }

    @Test
    @Order(1)
    void upBringsEveryServiceUpHealthyInContainers() throws Exception {
        long began = System.nanoTime();
        Cli.Run up = cli(upCore());
        PhaseLog.done("docker CLI 'up' of " + CoreServices.NAMES.size() + " services (images included)", began);
        assertEquals(0, up.exit(), up.out() + up.err());
        List<String> statusArgs = new ArrayList<>(List.of("status", "--json"));
        statusArgs.addAll(CoreServices.NAMES);
        Cli.Run status = cli(statusArgs.toArray(String[]::new));
        assertEquals(0, status.exit(), status.out() + status.err());
        List<String> names = new ArrayList<>();
        for (JsonNode service : JSON.readTree(status.out())) {
            names.add(service.get("service").asText());
            assertEquals("docker", service.get("runtime").asText());
            assertEquals("healthy", service.get("state").asText(), service.toString());
            assertTrue(service.get("container").asText().matches("[0-9a-f]{12}"), service.toString());
        }
        assertEquals(CoreServices.NAMES, names);
        Cli.Run logs = cli("logs", "hive-metastore", "-n", "100000");
        assertTrue(logs.out().contains("Started the new metaserver"), "container log readable: " + logs.out().length());
    }

    @Test
    @Order(2)
    void aKafkaRecordAndAnHdfsFileSurviveDownAndUp() throws Exception {
        String bootstrap = "127.0.0.1:" + PORTS.get("KAFKA_PORT");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, "k", "kept by the kafka-data volume")).get(30, TimeUnit.SECONDS);
        }
        try (FileSystem fs = hdfs(); FSDataOutputStream out = fs.create(FILE, true)) {
            out.writeUTF("kept by the datanode-data volume");
        }

        Cli.Run down = cli("down");
        assertEquals(0, down.exit(), down.out() + down.err());
        assertEquals(List.of(), runningContainers(), "down leaves no container running");

        Cli.Run up = cli(upCore());
        assertEquals(0, up.exit(), up.out() + up.err());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.currentTimeMillis() + 30_000;
            String value = null;
            while (value == null && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    value = record.value();
                }
            }
            assertEquals("kept by the kafka-data volume", value);
        }
        try (FileSystem fs = hdfs(); var in = fs.open(FILE)) {
            assertEquals("kept by the datanode-data volume", in.readUTF());
        }
    }

    @Test
    @Order(3)
    void downLeavesNoContainerAndPurgeRemovesTheVolumes() throws Exception {
        Cli.Run down = cli("down", "--purge", "--yes");
        assertEquals(0, down.exit(), down.out() + down.err());
        assertEquals(List.of(), runningContainers());
        Process volumes = new ProcessBuilder("docker", "volume", "ls", "-q", "--filter", "label=com.docker.compose.project=" + PROJECT)
                .redirectErrorStream(true).start();
        String left = new String(volumes.getInputStream().readAllBytes()).trim();
        volumes.waitFor();
        assertEquals("", left, "purge removes the project's volumes");
    }

    private static String[] upCore() {
        List<String> args = new ArrayList<>(List.of("up", "--runtime", "docker"));
        args.addAll(CoreServices.NAMES);
        return args.toArray(String[]::new);
    }

    private static List<String> runningContainers() throws Exception {
        Process ps = new ProcessBuilder("docker", "ps", "-q", "--filter", "label=com.docker.compose.project=" + PROJECT)
                .redirectErrorStream(true).start();
        String out = new String(ps.getInputStream().readAllBytes()).trim();
        ps.waitFor();
        return out.isEmpty() ? List.of() : List.of(out.split("\\s+"));
    }

    private static FileSystem hdfs() throws Exception {
        String uri = "hdfs://127.0.0.1:" + PORTS.get("NAMENODE_RPC_PORT");
        Configuration conf = new Configuration(false);
        conf.set("fs.defaultFS", uri);
        conf.setBoolean("dfs.client.use.datanode.hostname", true);
        conf.setBoolean("fs.hdfs.impl.disable.cache", true);
        return FileSystem.get(URI.create(uri), conf);
    }

    private static Cli.Run cli(String... args) {
        return Cli.run(STATE, ENV, args);
    }
}
