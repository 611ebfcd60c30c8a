package io.lakehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehouse.runtime.process.PortInspector;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI on the shared stack, last: {@code status --json} reports every service healthy; {@code up} on a healthy
 * stack changes nothing; {@code down} leaves no process and no listening port; data survives down and up.
 */
@Order(100)
@LocalStackTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliLifecycleIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "it-survives-restart";
    private static final Path FILE = new Path("/it/survives-restart.txt");

    @Test
    @Order(1)
    void statusJsonListsEveryServiceHealthyWithPidPortsAndLog(LocalStack stack) throws Exception {
        Cli.Run status = cli(stack, "status", "--json");
        assertEquals(0, status.exit(), status.err());
        JsonNode services = JSON.readTree(status.out());
        assertEquals(stack.catalog().all().stream().map(s -> s.name()).toList(), names(services));
        for (JsonNode service : services) {
            assertEquals("healthy", service.get("state").asText(), service.toString());
            assertEquals("local", service.get("runtime").asText());
            assertTrue(service.get("pid").asLong() > 0);
            assertTrue(service.get("log").asText().endsWith(service.get("service").asText() + ".log"));
            assertTrue(service.get("ports").size() > 0);
        }
    }

    @Test
    @Order(2)
    void upOnAHealthyStackIsANoOp(LocalStack stack) throws Exception {
        List<Long> before = pids(stack);
        Cli.Run up = cli(stack, "up", "--runtime", "local");
        assertEquals(0, up.exit(), up.err());
        assertEquals(stack.catalog().all().size(), up.out().lines().filter(l -> l.contains("already running")).count(),
                up.out());
        assertEquals(before, pids(stack));
    }

    @Test
    @Order(3)
    void logsShowTheServicesOwnOutputAndDoctorSeesTheRunningStack(LocalStack stack) throws Exception {
        Cli.Run logs = cli(stack, "logs", "kafka", "-n", "100000");
        assertEquals(0, logs.exit(), logs.err());
        assertTrue(logs.out().contains("Kafka Server started") || logs.out().contains("KafkaRaftServer"), logs.out());

        Cli.Run unknown = cli(stack, "logs", "kafak");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("valid services: kafka, mysql"), unknown.err());

        Cli.Run doctor = cli(stack, "doctor", "--json");
        assertEquals(0, doctor.exit(), doctor.out() + doctor.err());
        JsonNode findings = JSON.readTree(doctor.out());
        boolean sawOurKafkaPort = false;
        for (JsonNode finding : findings) {
            if (finding.get("check").asText().startsWith("port " + stack.endpoints().port("KAFKA_PORT"))) {
                sawOurKafkaPort = finding.get("found").asText().contains("running lakehouse kafka");
            }
        }
        assertTrue(sawOurKafkaPort, "doctor recognises the stack's own ports: " + doctor.out());
    }

    @Test
    @Order(4)
    void downLeavesNoProcessNorPortAndDataSurvivesTheNextUp(LocalStack stack) throws Exception {
        StackEndpoints endpoints = stack.endpoints();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrap()))) {
            if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(TOPIC)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
        }
        try (FileSystem fs = hdfs(endpoints); FSDataOutputStream out = fs.create(FILE, true)) {
            out.writeUTF("kept across restarts");
        }
        List<Long> pids = pids(stack);
        // the NameNode's Jetty unpacks its web application into java.io.tmpdir at each start: the service's own
        // scratch folder, not the machine's temporary folder, where every restart used to leave one behind
        String jettyOfTheNameNode = "jetty-localhost-" + endpoints.port("NAMENODE_HTTP_PORT") + "-";
        java.nio.file.Path scratchOfTheNameNode = stack.layout().stateDir().resolve("tmp").resolve("namenode");
        assertTrue(entries(scratchOfTheNameNode).stream().anyMatch(name -> name.startsWith(jettyOfTheNameNode)),
                "the NameNode's Jetty folder is in its scratch folder: " + entries(scratchOfTheNameNode));
        java.nio.file.Path machineTemp = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"));
        List<String> jettyInMachineTemp = entries(machineTemp).stream()
                .filter(name -> name.startsWith(jettyOfTheNameNode)).toList();

        Cli.Run down = cli(stack, "down", "--runtime", "local");
        assertEquals(0, down.exit(), down.err());
        try (var scratchFolders = java.nio.file.Files.list(stack.layout().stateDir().resolve("tmp"))) {
            for (java.nio.file.Path folder : scratchFolders.toList()) {
                assertEquals(List.of(), entries(folder), "what a stopped service left in " + folder + " is removed");
            }
        }
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " still alive");
        }
        for (int port : endpoints.ports().values()) {
            assertFalse(PortInspector.isListening(port), "port " + port + " still listening after down");
        }
        Cli.Run status = cli(stack, "status", "--json");
        assertEquals(5, status.exit(), "status exits 5 when services are not healthy");
        for (JsonNode service : JSON.readTree(status.out())) {
            assertEquals("stopped", service.get("state").asText());
        }
        // seed on a stack that is down is refused before it changes anything, naming what is not running
        Cli.Run seed = cli(stack, "seed");
        assertEquals(3, seed.exit(), seed.out() + seed.err());
        assertTrue(seed.err().contains("seed needs the pipeline running and healthy; not so: ")
                && seed.err().contains("kafka stopped") && seed.err().contains("fix: './lakehouse up'"), seed.err());

        Cli.Run up = cli(stack, "up", "--runtime", "local");
        assertEquals(0, up.exit(), up.err());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrap()))) {
            assertTrue(admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(TOPIC), "topic kept");
        }
        assertEquals(jettyInMachineTemp, entries(machineTemp).stream()
                .filter(name -> name.startsWith(jettyOfTheNameNode)).toList(),
                "the NameNode's restart left nothing in " + machineTemp);
        try (FileSystem fs = hdfs(endpoints)) {
            assertTrue(fs.exists(FILE), "HDFS file kept");
            try (var in = fs.open(FILE)) {
                assertEquals("kept across restarts", in.readUTF());
            }
        }
    }

    /**
     * The runtime follows the stack: with the local stack running and a Docker engine answering, a plain {@code up}
     * acts on the local stack, and {@code up --runtime docker} is refused (exit 3) before it builds an image or
     * writes the state directory's runtime choice; {@code status} still shows the local stack.
     */
    @Test
    @Order(5)
    @EnabledIf("io.lakehouse.it.DockerEngineAvailable#answers")
    void theRuntimeFollowsTheStackThatExists(LocalStack stack) throws Exception {
        java.nio.file.Path marker = stack.layout().stateDir().resolve("runtime");
        Optional<String> markerBefore = remembered(marker);
        List<String> imagesBefore = projectImages();
        List<Long> pids = pids(stack);

        Cli.Run refused = cli(stack, "up", "--runtime", "docker");
        assertEquals(3, refused.exit(), refused.out() + refused.err());
        assertTrue(refused.err().contains("a local stack exists") && refused.err().contains("nothing was changed"),
                refused.err());
        assertFalse(refused.out().contains("Starting"), "a refused up starts nothing: " + refused.out());
        assertEquals(markerBefore, remembered(marker), "a refused up leaves the remembered runtime as it was");
        assertEquals(imagesBefore, projectImages(), "a refused up builds no image");

        Cli.Run up = cli(stack, "up");
        assertEquals(0, up.exit(), up.err());
        assertTrue(up.out().contains("on the local runtime (the local stack exists)"), up.out());
        assertEquals(stack.catalog().all().size(), up.out().lines().filter(l -> l.contains("already running")).count(),
                up.out());
        assertEquals(pids, pids(stack));

        Cli.Run status = cli(stack, "status", "--json");
        assertEquals(0, status.exit(), status.err());
        for (JsonNode service : JSON.readTree(status.out())) {
            assertEquals("local", service.get("runtime").asText(), service.toString());
            assertEquals("healthy", service.get("state").asText(), service.toString());
        }
    }

    private static Optional<String> remembered(java.nio.file.Path marker) throws java.io.IOException {
        return java.nio.file.Files.exists(marker) ? Optional.of(java.nio.file.Files.readString(marker)) : Optional.empty();
    }

    /** The project's images in the engine, with their ids: a build would change an id or add an image. */
    private static List<String> projectImages() throws Exception {
        return ExternalCommand.run(java.time.Duration.ofSeconds(60), "docker", "image", "ls", "--no-trunc", "--format",
                "{{.Repository}}:{{.Tag}} {{.ID}}", "lakehouse/*").assertSucceeded("docker image ls")
                .output().lines().sorted().toList();
    }

    private static FileSystem hdfs(StackEndpoints endpoints) throws Exception {
        Configuration conf = new Configuration(false);
        conf.set("fs.defaultFS", endpoints.hdfsUri());
        conf.setBoolean("fs.hdfs.impl.disable.cache", true);
        return FileSystem.get(URI.create(endpoints.hdfsUri()), conf);
    }

    private static List<Long> pids(LocalStack stack) {
        List<Long> pids = new ArrayList<>();
        stack.catalog().all().forEach(s -> pids.add(stack.runtime().liveProcess(s).orElseThrow().pid()));
        return pids;
    }

    private static List<String> names(JsonNode services) {
        List<String> names = new ArrayList<>();
        services.forEach(s -> names.add(s.get("service").asText()));
        return names;
    }

    private static Cli.Run cli(LocalStack stack, String... args) {
        return Cli.run(stack.layout().stateDir(), stack.portOverrides(), args);
    }

    private static List<String> entries(java.nio.file.Path folder) throws java.io.IOException {
        try (var list = java.nio.file.Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
