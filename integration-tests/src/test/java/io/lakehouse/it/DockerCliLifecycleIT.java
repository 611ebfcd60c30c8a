package io.lakehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehouse.runtime.GeneratedValues;
import io.lakehouse.stack.PortSpec;
import io.lakehouse.stack.ServiceCatalog;
import io.lakehouse.stack.ServiceDefinition;
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

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CLI's docker runtime for real, as a user runs it: a port held by another program refuses {@code up} with
 * nothing changed; {@code up --runtime docker} brings the services seed needs up healthy from the project's own
 * images; the toolbox container killed mid-seed ends that seed with exit 4 and a line saying so, and seed again
 * passes; {@code seed} and {@code verify} run inside the compose network (the toolbox container) from a test JVM
 * that cannot resolve the compose names, and every check agrees; the DAG
 * {@code lakehouse_daily}, triggered through Airflow's REST API, runs every task successfully inside the Airflow
 * container; asking for the local runtime beside it is refused; a Kafka record, the seeded data, the DAG's run and
 * Superset's dashboard survive {@code down} and an {@code up} that the engine's stop interrupted, then one that
 * continues (verify agrees again); {@code down --purge} leaves no container and no volume.
 * Skipped where no Docker engine answers. Its own compose project, state directory and ports (defaults +
 * {@value #PORT_OFFSET}).
 */
@Order(3)
@EnabledIf("io.lakehouse.it.DockerEngineAvailable#answers")
@Tag(TestStacks.DOCKER_CLI)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DockerCliLifecycleIT {
    // every port stays below 32768, out of Linux's ephemeral range (a client's outgoing port could hold it)
    static final int PORT_OFFSET = 14000;
    static final String PROJECT = "lakehouse-it-cli";
    /**
     * What seed needs (with their dependencies), Airflow for the daily DAG and Superset for the dashboard that must
     * survive down and up: every service but JupyterLab.
     */
    static final List<String> SERVICES = List.of("kafka-connect", "serving-store", "trino", "spark-connect",
            "flink-taskmanager", "airflow", "superset");
    private static final String DAG = "lakehouse_daily";
    private static final List<String> DAG_TASKS = List.of("compact_bronze", "spark_silver", "spark_gold", "refresh_marts",
            "verify");
    /** Today's scheduled run of the DAG, made when the test unpauses it. */
    private static String dagRun;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final java.time.Duration DOCKER_CALL = java.time.Duration.ofSeconds(60);
    private static final String TOPIC = "it-docker-survives";
    private static final java.nio.file.Path STATE = java.nio.file.Path.of(System.getProperty("lakehouse.it.stateDir")
            + "-docker");

    private static final Map<String, String> ENV = new HashMap<>();
    /** The dashboard {@code up} provisioned, by id: the same one must be there after down and up. */
    private static int dashboardId = -1;
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
    static void noOtherTestStackRuns() throws Exception {
        OtherStacks.assertNoneRunningBesides(TestStacks.DOCKER_CLI);
        removeWhatAnEarlierRunLeft();
    }

    /**
     * The test's own compose project, left by an earlier run that failed before its purge (its state directory is
     * under target/, gone in a fresh clone, while the engine keeps the volumes): removed with the CLI's own way out
     * for another directory's volumes, {@code down --purge --runtime docker}. Without this, one failed run on a
     * machine made every later run fail at its first {@code up} (the volumes refused as another stack's, 2026-12-06).
     */
    private static void removeWhatAnEarlierRunLeft() throws Exception {
        if (java.nio.file.Files.exists(STATE)) {
            return;
        }
        String volumes = projectVolumes();
        String containers = ExternalCommand.run(DOCKER_CALL, "docker", "ps", "-aq", "--filter",
                "label=com.docker.compose.project=" + PROJECT).assertSucceeded("docker ps -a").output().trim();
        if (volumes.isEmpty() && containers.isEmpty()) {
            return;
        }
        Cli.Run purged = cli("down", "--purge", "--yes", "--runtime", "docker");
        assertEquals(0, purged.exit(), "removing an earlier run's compose project " + PROJECT + ": " + purged.out()
                + purged.err());
        System.out.println("[docker cli] an earlier run's compose project " + PROJECT + " removed: "
                + (volumes.isEmpty() ? 0 : volumes.split("\\s+").length) + " volume(s), "
                + (containers.isEmpty() ? 0 : containers.split("\\s+").length) + " container(s)");
        org.junit.jupiter.api.Assertions.assertFalse(java.nio.file.Files.exists(STATE.resolve("runtime")),
                "removing the leftovers remembers no runtime");
    }

    @AfterAll
    static void purge() {
        long began = System.nanoTime();
        cli("down", "--purge", "--yes");
        PhaseLog.done("docker CLI stack purged", began);
    }

    /** A port of the stack held by another program: {@code up} refuses (exit 3) before it builds or starts anything. */
    @Test
    @Order(0)
    void aPortHeldByAnotherProgramRefusesUpAndChangesNothing() throws Exception {
        int port = PORTS.get("TRINO_PORT");
        List<String> before = java.nio.file.Files.isDirectory(STATE) ? listing(STATE) : null;
        try (java.net.ServerSocket holder = new java.net.ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            Cli.Run refused = cli(up());
            assertEquals(3, refused.exit(), refused.out() + refused.err());
            assertTrue(refused.err().contains("port " + port + " (trino") && refused.err().contains("is in use"),
                    refused.err());
            assertTrue(refused.err().contains("LAKEHOUSE_TRINO_PORT"), "names the way out: " + refused.err());
        }
        assertEquals(List.of(), runningContainers(), "a refused up starts no container");
        if (before == null) {
            assertTrue(!java.nio.file.Files.exists(STATE.resolve("runtime")), "a refused up remembers no runtime");
        } else {
            assertEquals(before, listing(STATE), "a refused up writes nothing in the state directory");
        }
    }

    @Test
    @Order(1)
    void upBringsTheServicesUpHealthyInContainers() throws Exception {
        long began = System.nanoTime();
        Cli.Run up = cli(up());
        List<String> expected = ServiceCatalog.standard().withDependencies(SERVICES).stream()
                .map(ServiceDefinition::name).toList();
        PhaseLog.done("docker CLI 'up' of " + expected.size() + " services (images included)", began);
        assertEquals(0, up.exit(), up.out() + up.err());
        List<String> statusArgs = new ArrayList<>(List.of("status", "--json"));
        statusArgs.addAll(expected);
        Cli.Run status = cli(statusArgs.toArray(String[]::new));
        assertEquals(0, status.exit(), status.out() + status.err());
        List<String> names = new ArrayList<>();
        for (JsonNode service : JSON.readTree(status.out())) {
            names.add(service.get("service").asText());
            assertEquals("docker", service.get("runtime").asText());
            assertEquals("healthy", service.get("state").asText(), service.toString());
            assertTrue(service.get("container").asText().matches("[0-9a-f]{12}"), service.toString());
        }
        assertEquals(expected, names);
        // up's bootstrap ran in the toolbox: its table came back, and the Superset dashboard it made is there
        assertTrue(up.out().matches("(?s).*Bootstrap: (created|everything).*"), up.out());
        dashboardId = dashboard().path("id").asInt();
        Cli.Run logs = cli("logs", "hive-metastore", "-n", "100000");
        assertTrue(logs.out().contains("Started the new metaserver"), "container log readable: " + logs.out().length());

        // up on the running stack changes nothing: every container is the one it was (compose 2.26 to 2.29 recreated
        // each container with a depends_on when 'up' mixed calls with and without --no-deps)
        Map<String, String> containers = containerIds();
        began = System.nanoTime();
        Cli.Run again = cli(up());
        PhaseLog.done("docker CLI 'up' of the running stack", began);
        assertEquals(0, again.exit(), again.out() + again.err());
        assertEquals(containers, containerIds(), "up on a running stack recreates no container: " + again.out());
    }

    /** Each container of the project by its compose service, running or not. */
    private static Map<String, String> containerIds() throws Exception {
        Map<String, String> ids = new java.util.TreeMap<>();
        ExternalCommand.run(DOCKER_CALL, "docker", "ps", "-a", "--format",
                        "{{.Label \"com.docker.compose.service\"}} {{.ID}}", "--filter",
                        "label=com.docker.compose.project=" + PROJECT).assertSucceeded("docker ps -a").output()
                .lines().map(String::trim).filter(l -> !l.isEmpty()).forEach(l -> {
                    String[] parts = l.split(" ");
                    ids.put(parts[0], parts[1]);
                });
        return ids;
    }

    /**
     * This JVM resolves names by the machine's own resolver (the docker CLI execution sets no test hosts file), so it
     * cannot reach {@code datanode}: seed and verify pass because they run in the toolbox, inside the network.
     */
    @Test
    @Order(2)
    void seedAndVerifyRunInsideTheComposeNetworkWithNoHostsEntryAndSurviveTheToolboxKilled() throws Exception {
        for (String name : List.of("namenode", "datanode")) {
            assertThrows(UnknownHostException.class, () -> InetAddress.getByName(name), "this test shows seed needs "
                    + "no hosts entry for " + name + ", but this machine has one: run it where none is");
        }
        // a fault first: the toolbox container is killed mid-seed; the host's CLI says so (exit 4), nothing is lost
        long began = System.nanoTime();
        java.util.concurrent.CompletableFuture<Cli.Run> killed = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> cli("seed"));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        List<String> toolbox = List.of();
        while (toolbox.isEmpty() && System.nanoTime() < deadline && !killed.isDone()) {
            Thread.sleep(500);
            toolbox = toolboxContainers();
        }
        assertEquals(1, toolbox.size(), "the toolbox container runs seed: " + toolbox);
        Thread.sleep(TimeUnit.SECONDS.toMillis(30)); // into the first stages: files, the shop in MySQL, events
        assertTrue(!killed.isDone(), "seed still runs when the toolbox is killed");
        ExternalCommand.run(DOCKER_CALL, "docker", "kill", toolbox.get(0)).assertSucceeded("docker kill");
        Cli.Run stopped = killed.get(2, TimeUnit.MINUTES);
        assertEquals(4, stopped.exit(), stopped.out() + stopped.err());
        assertTrue(stopped.err().contains("the toolbox container running 'seed' was stopped before it finished"),
                stopped.err());
        PhaseLog.done("docker CLI 'seed' in the toolbox, killed after 30 s", began);

        began = System.nanoTime();
        Cli.Run seed = cli("seed");
        PhaseLog.done("docker CLI 'seed' in the toolbox, again after the kill", began);
        assertEquals(0, seed.exit(), seed.out() + seed.err());
        assertTrue(seed.out().contains("Seeded scale 1"), seed.out());
        assertTrue(seed.err().contains("[files -> bronze]"), "the toolbox's progress reaches the host: " + seed.err());
        assertVerifyAgrees();
        // the marts and bootstrap commands run in the toolbox too; bootstrap again finds everything there
        Cli.Run marts = cli("marts", "refresh", "--json");
        assertEquals(0, marts.exit(), marts.out() + marts.err());
        for (JsonNode mart : JSON.readTree(marts.out())) {
            assertTrue(mart.path("rows").asLong() > 0, "a refreshed mart has rows: " + mart);
        }
        Cli.Run bootstrap = cli("bootstrap");
        assertEquals(0, bootstrap.exit(), bootstrap.out() + bootstrap.err());
        assertTrue(bootstrap.out().contains("Bootstrap: everything was already there; nothing changed."),
                bootstrap.out());
        assertEquals(List.of(), toolboxContainers(), "the toolbox container is removed after each command");
    }

    /**
     * The DAG's tasks run the CLI inside the Airflow container, in the compose network: silver, gold, marts and
     * verify, each successful. Unpaused through Airflow's REST API as a user would in its UI, the daily DAG runs
     * today's interval at once.
     */
    @Test
    @Order(3)
    void theDailyDagRunsEveryTaskInsideTheStack() throws Exception {
        long began = System.nanoTime();
        AirflowApi api = airflow();
        api.awaitDag(DAG);
        dagRun = api.unpauseAndRun(DAG, "it_docker_daily", DAG_TASKS, Duration.ofMinutes(20));
        PhaseLog.done("docker CLI: DAG " + DAG + " run in the Airflow container", began);
    }

    /**
     * The secrets audit of the compose stack after {@code up}, {@code seed} and the DAG: no generated password is in
     * any container's configuration ({@code docker inspect}: environment, command, labels), in its log, or on the
     * command line or in the environment of any process the containers run; the config files rendered with one
     * are owner-only inside the container; the compose files hold none. And the listener rule: every port a container
     * publishes is bound to 127.0.0.1 on the host. No exception: Kafka Connect's worker reads the CDC login's
     * password from its rendered owner-only secrets folder (the seed before this test streamed the shop's changes
     * through that connector, so it logged in with it).
     */
    @Test
    @Order(4)
    void noContainerShowsAGeneratedSecretAndEveryPublishedPortIsOnLoopback() throws Exception {
        long began = System.nanoTime();
        Map<String, String> secrets = new java.util.TreeMap<>();
        GeneratedValues.load(STATE.resolve("secrets.properties")).forEach((name, value) -> {
            if (name.matches(".*(PASSWORD|SECRET|TOKEN).*")) {
                secrets.put(name, value);
            }
        });
        assertTrue(secrets.size() >= 10 && secrets.values().stream().allMatch(v -> v.length() >= 16),
                "the generated secrets: " + secrets.keySet());
        List<String> found = new ArrayList<>();
        List<String> published = new ArrayList<>();
        List<String> containers = runningContainers();
        assertTrue(containers.size() >= 14, "the stack's containers: " + containers);
        int environments = 0;
        int processes = 0;
        for (String container : containers) {
            JsonNode inspected = JSON.readTree(ExternalCommand.run(DOCKER_CALL, "docker", "inspect", container)
                    .assertSucceeded("docker inspect").output()).get(0);
            String name = inspected.path("Name").asText().replaceFirst("^/", "");
            // the listener rule under compose: every published port on the host's loopback only
            inspected.path("NetworkSettings").path("Ports").fields().forEachRemaining(port -> {
                for (JsonNode binding : port.getValue()) {
                    published.add(name + " " + port.getKey() + " on " + binding.path("HostIp").asText() + ":"
                            + binding.path("HostPort").asText());
                }
            });
            String logs = ExternalCommand.run(DOCKER_CALL, "docker", "logs", container)
                    .assertSucceeded("docker logs").output();
            secrets.forEach((secret, value) -> {
                if (inspected.toString().contains(value)) {
                    found.add(secret + " in the configuration of container " + name + " (docker inspect)");
                }
                if (logs.contains(value)) {
                    found.add(secret + " in the log of container " + name);
                }
            });
            long pid = inspected.path("State").path("Pid").asLong();
            List<ProcessHandle> tree = new ArrayList<>();
            ProcessHandle.of(pid).ifPresent(root -> {
                tree.add(root);
                root.descendants().forEach(tree::add);
            });
            for (ProcessHandle process : tree) {
                java.nio.file.Path proc = java.nio.file.Path.of("/proc", Long.toString(process.pid()));
                String cmdline = read(proc.resolve("cmdline"));
                String environ = read(proc.resolve("environ"));
                processes++;
                environments += environ.isEmpty() ? 0 : 1;
                String what = " of pid " + process.pid() + " in container " + name + " ("
                        + process.info().command().orElse("?") + ")";
                secrets.forEach((secret, value) -> {
                    if (cmdline.contains(value)) {
                        found.add(secret + " on the command line" + what);
                    }
                    if (environ.contains(value)) {
                        found.add(secret + " in the environment" + what);
                    }
                });
            }
        }
        assertEquals(List.of(), found, "generated secrets where the stack's containers show them");
        assertTrue(published.size() >= 10, "the containers' published ports were read: " + published);
        assertEquals(List.of(), published.stream().filter(p -> !p.contains(" on 127.0.0.1:")).toList(),
                "published ports on an address other than 127.0.0.1 (all: " + published + ")");
        assertTrue(processes >= containers.size(), "the containers' processes were read: " + processes);
        if (environments == 0) {
            System.out.println("docker CLI secrets audit: no container process's environment was readable by this user; "
                    + "checked configuration, logs and command lines only");
        }
        for (Map.Entry<String, String> rendered : Map.of("airflow", "/var/lib/lakehouse/conf/airflow.cfg",
                "superset", "/var/lib/lakehouse/conf/superset_config.py",
                "kafka-connect", "/var/lib/lakehouse/conf/secrets/CDC_DB_PASSWORD").entrySet()) {
            String mode = ExternalCommand.run(DOCKER_CALL, "docker", "compose", "-p", PROJECT, "exec", "-T",
                    rendered.getKey(), "stat", "-c", "%a %U", rendered.getValue())
                    .assertSucceeded("stat in " + rendered.getKey()).output().trim();
            assertEquals("600 lakehouse", mode, rendered.getValue() + " in " + rendered.getKey()
                    + " holds a secret: owner-only");
        }
        assertEquals("700 lakehouse", ExternalCommand.run(DOCKER_CALL, "docker", "compose", "-p", PROJECT, "exec", "-T",
                "kafka-connect", "stat", "-c", "%a %U", "/var/lib/lakehouse/conf/secrets")
                .assertSucceeded("stat in kafka-connect").output().trim(), "the worker's secrets folder: owner-only");
        try (var files = java.nio.file.Files.walk(java.nio.file.Path.of(System.getProperty("user.dir"), "..",
                "compose"))) {
            for (java.nio.file.Path file : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                String text = read(file);
                secrets.forEach((secret, value) -> assertTrue(!text.contains(value), secret + " in " + file));
            }
        }
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(STATE.resolve("secrets.properties"))), "the secrets file");
        PhaseLog.done("docker CLI secrets audit: " + secrets.size() + " secrets, " + containers.size()
                + " containers, " + processes + " processes (" + environments + " environments read): none found",
                began);
    }

    private static String read(java.nio.file.Path file) {
        try {
            return new String(java.nio.file.Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    /**
     * Another state directory (another clone's {@code .lakehouse}, which is the same compose project) finds this
     * stack's volumes: its {@code up} refuses them (exit 3), names them and the fix, and writes nothing.
     */
    @Test
    @Order(5)
    void anotherStateDirectoryRefusesTheVolumesThisOneMadeAndWritesNothing() throws Exception {
        java.nio.file.Path other = java.nio.file.Path.of(STATE + "-other-clone");
        deleteTree(other);
        List<String> before = listing(STATE);
        Cli.Run refused = Cli.run(other, ENV, "up", "--runtime", "docker", "kafka");
        assertEquals(3, refused.exit(), refused.out() + refused.err());
        assertTrue(refused.err().contains("the compose project '" + PROJECT + "' has")
                && refused.err().contains("volume(s) this state directory did not make")
                && java.util.regex.Pattern.compile(PROJECT + "_[a-z-]+-data \\(created \\d{4}-").matcher(refused.err())
                .find(), refused.err());
        assertTrue(!java.nio.file.Files.exists(other.resolve("secrets.properties")),
                "a refused up generates no secrets: " + (java.nio.file.Files.exists(other) ? listing(other) : "absent"));
        assertEquals(before, listing(STATE), "the stack's own state directory is untouched");
        assertTrue(running("kafka"), "the stack's kafka still runs");
        deleteTree(other);
    }

    private static void deleteTree(java.nio.file.Path dir) throws Exception {
        if (java.nio.file.Files.exists(dir)) {
            try (var files = java.nio.file.Files.walk(dir)) {
                for (java.nio.file.Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.delete(file);
                }
            }
        }
    }

    @Test
    @Order(5)
    void askingForTheLocalRuntimeBesideTheDockerStackIsRefusedAndChangesNothing() throws Exception {
        List<String> before = listing(STATE);
        Cli.Run refused = cli("up", "--runtime", "local", "kafka");
        assertEquals(3, refused.exit(), refused.out() + refused.err());
        assertTrue(refused.err().contains("a docker stack exists"), refused.err());
        assertEquals(before, listing(STATE), "a refused up writes nothing in the state directory");
        Cli.Run status = cli("status", "--json", "kafka");
        assertEquals("docker", JSON.readTree(status.out()).get(0).get("runtime").asText(), status.out());
    }

    /**
     * What a user's {@code down} and {@code up} must keep: a Kafka record, the seeded data (verify agrees), the DAG's
     * run and Superset's dashboard. The {@code up} after {@code down} is the hard one: the Docker engine stops
     * answering (dockerd held with SIGSTOP) once its first container runs; that {@code up} fails naming the engine,
     * and the next one brings every service back from where the interrupted one left it. (One restart of the stack
     * for both: the engine's test restarted Kafka Connect alone before, then this test the whole stack.)
     */
    @Test
    @Order(6)
    void aKafkaRecordTheSeededDataAndTheDagHistorySurviveDownAndAnUpTheEngineInterrupted() throws Exception {
        String bootstrap = "127.0.0.1:" + PORTS.get("KAFKA_PORT");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, "k", "kept by the kafka-data volume")).get(30, TimeUnit.SECONDS);
        }

        Cli.Run down = cli("down");
        assertEquals(0, down.exit(), down.out() + down.err());
        assertEquals(List.of(), runningContainers(), "down leaves no container running");

        upWithTheEngineStoppedMidWay();
        leaveMysqlStoppedWithAnEmptySecret();
        long began = System.nanoTime();
        Cli.Run up = cli(up());
        assertEquals(0, up.exit(), up.out() + up.err());
        PhaseLog.done("docker CLI 'up' after down and the engine's stop", began);
        assertTrue((up.out() + up.err()).lines().anyMatch(line -> line.contains("mysql")
                && line.contains("container made again")), "up made MySQL's container again: "
                + up.out() + up.err());
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
        // the Iceberg catalog (metastore and HDFS volumes), the MySQL shop and the Kafka offsets: verify reads them all
        assertVerifyAgrees();
        // Airflow's metadata database is on its volume: the run before down is still there, successful
        JsonNode run = airflow().get("/api/v2/dags/" + DAG + "/dagRuns/" + AirflowApi.encode(dagRun)).body();
        assertEquals("success", run.path("state").asText(), "the DAG run before down: " + run);
        // Superset's metadata database is on its volume: the dashboard up provisioned is the same one
        assertEquals(dashboardId, dashboard().path("id").asInt(), "the dashboard after down and up");
    }

    /**
     * {@code up} of the stopped stack, with the engine held (SIGSTOP to dockerd) once the first container runs: it
     * fails (exit 4) naming the engine and the way on. Skipped (the next {@code up} simply starts the stack) where
     * this machine's dockerd is not ours to stop (Docker Desktop, rootless: no readable /var/run/docker.pid).
     */
    private static void upWithTheEngineStoppedMidWay() throws Exception {
        java.nio.file.Path pidFile = java.nio.file.Path.of("/var/run/docker.pid");
        if (!java.nio.file.Files.isReadable(pidFile)) {
            System.out.println("[docker cli] no readable " + pidFile + ": the engine-stopped 'up' is not tried here");
            return;
        }
        String dockerd = java.nio.file.Files.readString(pidFile).strip();
        long began = System.nanoTime();
        java.util.concurrent.CompletableFuture<Cli.Run> stalled = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> cli(up()));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (runningContainers().isEmpty() && System.nanoTime() < deadline && !stalled.isDone()) {
            Thread.sleep(200);
        }
        assertTrue(!stalled.isDone(), "up still runs when the engine stops: " + (stalled.isDone() ? stalled.get() : ""));
        ExternalCommand.run(DOCKER_CALL, "kill", "-STOP", dockerd).assertSucceeded("kill -STOP dockerd");
        Cli.Run failed;
        try {
            failed = stalled.get(6, TimeUnit.MINUTES);
        } finally {
            ExternalCommand.run(DOCKER_CALL, "kill", "-CONT", dockerd).assertSucceeded("kill -CONT dockerd");
        }
        PhaseLog.done("docker CLI 'up' with the engine stopped mid-way, failed", began);
        assertEquals(4, failed.exit(), failed.out() + failed.err());
        assertTrue(failed.err().contains("the Docker engine stopped answering during 'up'"), failed.err());
        assertTrue(failed.err().contains("then 'lakehouse up': it continues"), failed.err());
        // what the engine holds once it answers again, for the record (a container that died while it was held
        // keeps its ports until the engine notices)
        System.out.println("containers once the engine answers again:\n" + ExternalCommand.run(DOCKER_CALL, "docker",
                "ps", "-a", "--format", "{{.Label \"com.docker.compose.service\"}}: {{.State}} ({{.Status}})",
                "--filter", "label=com.docker.compose.project=" + PROJECT).assertSucceeded("docker ps -a").output()
                .trim());
    }

    /**
     * What an {@code up} cut short by the engine can leave, made certain whatever the moment the engine stopped: the
     * MySQL container there but not running, its root password file empty. Compose copies a container's secrets into
     * it once, when it creates it; an engine stopped between the two left MySQL so in CI, and the next {@code up}
     * started it as it was (its entrypoint refused the empty password). The next {@code up} must make it again.
     */
    private static void leaveMysqlStoppedWithAnEmptySecret() throws Exception {
        Cli.Run mysql = cli("up", "mysql");
        assertEquals(0, mysql.exit(), mysql.out() + mysql.err());
        String id = ExternalCommand.run(DOCKER_CALL, "docker", "ps", "-aq", "--filter",
                "label=com.docker.compose.project=" + PROJECT, "--filter", "label=com.docker.compose.service=mysql")
                .assertSucceeded("docker ps -aq mysql").output().strip();
        assertTrue(!id.isEmpty() && !id.contains("\n"), "one MySQL container: " + id);
        ExternalCommand.run(DOCKER_CALL, "docker", "stop", id).assertSucceeded("docker stop mysql");
        java.nio.file.Path empty = java.nio.file.Files.createTempFile("lakehouse-it-empty-secret", "");
        try {
            ExternalCommand.run(DOCKER_CALL, "docker", "cp", empty.toString(), id + ":/run/secrets/MYSQL_ROOT_PASSWORD")
                    .assertSucceeded("docker cp an empty MYSQL_ROOT_PASSWORD");
        } finally {
            java.nio.file.Files.deleteIfExists(empty);
        }
    }

    @Test
    @Order(7)
    void downLeavesNoContainerAndPurgeRemovesTheVolumes() throws Exception {
        Cli.Run down = cli("down", "--purge", "--yes");
        assertEquals(0, down.exit(), down.out() + down.err());
        assertEquals(List.of(), runningContainers());
        String left = projectVolumes();
        assertEquals("", left, "purge removes the project's volumes");
    }

    private static void assertVerifyAgrees() {
        long began = System.nanoTime();
        Cli.Run verify = cli("verify");
        PhaseLog.done("docker CLI 'verify' in the toolbox", began);
        assertEquals(0, verify.exit(), verify.out() + verify.err());
        assertTrue(verify.out().matches("(?s).*All \\d+ checks agree\\..*"), verify.out());
    }

    /** A value the CLI generated for this stack, read from its owner-only secrets file. */
    private static String generated(String variable) {
        return GeneratedValues.load(STATE.resolve("secrets.properties")).get(variable);
    }

    private static JsonNode dashboard() throws Exception {
        io.lakehouse.superset.SupersetApi api = io.lakehouse.superset.SupersetApi.login("127.0.0.1",
                PORTS.get("SUPERSET_PORT"), io.lakehouse.stack.services.SupersetService.ADMIN_USER,
                generated(io.lakehouse.stack.services.SupersetService.ADMIN_PASSWORD));
        return api.findOne("dashboard", "dashboard_title", io.lakehouse.bootstrap.SupersetStep.DASHBOARD)
                .orElseThrow(() -> new AssertionError("no dashboard '" + io.lakehouse.bootstrap.SupersetStep.DASHBOARD
                        + "' provisioned by up"));
    }

    private static AirflowApi airflow() throws Exception {
        return AirflowApi.login("http://127.0.0.1:" + PORTS.get("AIRFLOW_PORT"), "admin",
                generated("AIRFLOW_ADMIN_PASSWORD"));
    }

    private static List<String> listing(java.nio.file.Path dir) throws Exception {
        try (var files = java.nio.file.Files.walk(dir)) {
            List<String> listing = new ArrayList<>();
            for (java.nio.file.Path file : files.sorted().toList()) {
                listing.add(dir.relativize(file) + " " + java.nio.file.Files.getLastModifiedTime(file).toMillis());
            }
            return listing;
        }
    }

    private static List<String> toolboxContainers() throws Exception {
        String out = ExternalCommand.run(DOCKER_CALL, "docker", "ps", "-aq", "--filter",
                "label=com.docker.compose.project=" + PROJECT, "--filter", "label=com.docker.compose.service=toolbox")
                .assertSucceeded("docker ps").output().trim();
        return out.isEmpty() ? List.of() : List.of(out.split("\\s+"));
    }

    private static String[] up() {
        List<String> args = new ArrayList<>(List.of("up", "--runtime", "docker"));
        args.addAll(SERVICES);
        return args.toArray(String[]::new);
    }

    private static boolean running(String composeService) throws Exception {
        return !ExternalCommand.run(DOCKER_CALL, "docker", "ps", "-q", "--filter",
                "label=com.docker.compose.project=" + PROJECT, "--filter",
                "label=com.docker.compose.service=" + composeService).assertSucceeded("docker ps").output().isBlank();
    }

    /** The names of the test project's volumes, one per line ("" when there are none). */
    private static String projectVolumes() throws Exception {
        return ExternalCommand.run(DOCKER_CALL, "docker", "volume", "ls", "-q", "--filter",
                "label=com.docker.compose.project=" + PROJECT).assertSucceeded("docker volume ls").output().trim();
    }

    private static List<String> runningContainers() throws Exception {
        String out = ExternalCommand.run(DOCKER_CALL, "docker", "ps", "-q", "--filter",
                "label=com.docker.compose.project=" + PROJECT).assertSucceeded("docker ps").output().trim();
        return out.isEmpty() ? List.of() : List.of(out.split("\\s+"));
    }

    private static Cli.Run cli(String... args) {
        return Cli.run(STATE, ENV, args);
    }
}
