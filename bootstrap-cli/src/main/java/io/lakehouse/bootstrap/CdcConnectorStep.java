package io.lakehouse.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakehouse.runtime.RuntimeKind;
import io.lakehouse.runtime.StackLayout;
import io.lakehouse.runtime.docker.ContainerLayout;
import io.lakehouse.stack.ProbeTarget;
import io.lakehouse.stack.ServiceCatalog;
import io.lakehouse.stack.health.KafkaConnectProbe;
import io.lakehouse.stack.health.TraceText;
import io.lakehouse.stack.services.KafkaConnectService;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Registers the change data capture connector {@code shop-cdc} with the Kafka Connect worker: Debezium's MariaDB
 * connector reading the binlog of database {@code shop} into the topics {@code cdc.shop.<table>} (see
 * {@link PlatformTopics}), as plain JSON. Idempotent: the config is only written when it differs from the stored one.
 * <p>
 * The config holds no secret: the worker resolves it when it uses it (compose/kafka-connect/connect-distributed.properties),
 * so the password never reaches Connect's config topic. Addresses are {@code ${env:NAME}}, looked up in the worker's
 * environment; the password is {@code ${secrets:DIR:CDC_DB_PASSWORD}}, the owner-only file the worker's config
 * rendered, named by the folder as the worker sees it (the only thing in the config that differs between runtimes).
 */
public final class CdcConnectorStep implements BootstrapStep {
    public static final String CONNECTOR = "shop-cdc";
    /** The generated secret the connector logs in with (the {@code mysql} service's {@code cdc} user). */
    public static final String PASSWORD = "CDC_DB_PASSWORD";

    private final Path workerSecrets;

    /** @param workerSecrets the worker's rendered secrets folder, as the worker sees it (see {@link #workerSecrets}) */
    public CdcConnectorStep(Path workerSecrets) {
        this.workerSecrets = Objects.requireNonNull(workerSecrets, "workerSecrets");
    }

    /** The step for a stack of this runtime and state directory. */
    public static CdcConnectorStep on(RuntimeKind runtime, StackLayout layout) {
        return new CdcConnectorStep(workerSecrets(runtime, layout));
    }

    /**
     * Where the Kafka Connect worker finds its secrets folder (compose/kafka-connect/secrets, rendered): its config
     * folder in the container's volume under compose, the state directory's {@code conf/kafka-connect} locally.
     */
    public static Path workerSecrets(RuntimeKind runtime, StackLayout layout) {
        Path conf = switch (runtime) {
            case DOCKER -> ContainerLayout.confDir();
            case LOCAL -> layout.confDir(ServiceCatalog.standard().get("kafka-connect"));
        };
        return conf.resolve("secrets");
    }

    /** The connector config as the platform declares it (Connect adds {@code name} when it stores it). */
    Map<String, String> connectorConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", KafkaConnectService.DEBEZIUM_MARIADB_CONNECTOR);
        config.put("tasks.max", "1");
        config.put("database.hostname", "${env:MYSQL_HOST}");
        config.put("database.port", "${env:MYSQL_PORT}");
        config.put("database.user", "cdc");
        config.put("database.password", "${secrets:" + workerSecrets + ":" + PASSWORD + "}");
        // the server's own id is 1 (compose/mysql/my.cnf); a binlog reader joins as a replica with another one
        config.put("database.server.id", "5400");
        // the server runs without TLS (skip-ssl)
        config.put("database.ssl.mode", "disable");
        config.put("database.include.list", "shop");
        config.put("topic.prefix", "cdc");
        // schema changes go to the schema history topic only, not to a topic named after the prefix
        config.put("include.schema.changes", "false");
        config.put("schema.history.internal.kafka.bootstrap.servers", "${env:KAFKA_BOOTSTRAP_SERVERS}");
        config.put("schema.history.internal.kafka.topic", "cdc.schema-history");
        // snapshot on first start, and again should the binlog position it stopped at have been purged
        config.put("snapshot.mode", "when_needed");
        config.put("decimal.handling.mode", "string");
        config.put("tombstones.on.delete", "false");
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("key.converter.schemas.enable", "false");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter.schemas.enable", "false");
        // the broker does not auto-create topics: the declared ones exist (KafkaTopicsStep), the worker creates any
        // other table's topic like them, with the brokers' replication
        config.put("topic.creation.default.replication.factor", "-1");   // the brokers' default: min(3, brokers)
        config.put("topic.creation.default.partitions", "1");
        // hand changes to Kafka every 100 ms instead of Debezium's default 500 ms: freshness over batching
        config.put("poll.interval.ms", "100");
        return config;
    }

    /**
     * The connector's failure, when it or one of its tasks is FAILED ("shop-cdc task 0 FAILED: first line of its
     * trace"); empty while it runs, or has not reported a state yet. A failed connector does not restart by itself:
     * whoever waits for change data capture names it rather than waiting for rows that will not come.
     */
    public static Optional<String> failure(ProbeTarget stack) throws IOException, InterruptedException {
        KafkaConnectRest connect = KafkaConnectRest.of(stack);
        Optional<JsonNode> status = connect.status(CONNECTOR);
        if (status.isEmpty()) {
            return Optional.empty();
        }
        JsonNode connector = status.get().path("connector");
        if ("FAILED".equals(connector.path("state").asText())) {
            return Optional.of(CONNECTOR + " FAILED: " + TraceText.summary(connector.path("trace").asText()));
        }
        for (JsonNode task : status.get().path("tasks")) {
            if ("FAILED".equals(task.path("state").asText())) {
                return Optional.of(CONNECTOR + " task " + task.path("id").asInt() + " FAILED: "
                        + TraceText.summary(task.path("trace").asText()));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a {@link #failure} says the connector's binlog position is no longer on the MySQL server (purged while
     * the connector was down): MariaDB's error 1236 ("Could not find GTID state requested by slave in any binlog
     * files"), or Debezium's own check ("... is no longer available on the server"). Only a new snapshot brings
     * such a connector back; Debezium's MariaDB connector does not take it by itself (MariaDB reports no purged GTID
     * set, so {@code snapshot.mode=when_needed} does not see that it needs one).
     */
    public static boolean positionPurged(String failure) {
        return failure.contains("1236") || failure.contains("Could not find GTID state")
                || failure.contains("no longer available on the server");
    }

    /**
     * Stops the connector (its task ends) and deletes the offsets Connect keeps for it: when it {@link #resume}s it
     * starts as a new connector does, with a snapshot of the shop. Returns Connect's word on the offsets.
     */
    public static String stopAndForgetPosition(ProbeTarget stack) throws IOException, InterruptedException {
        KafkaConnectRest connect = KafkaConnectRest.of(stack);
        connect.stop(CONNECTOR);
        return connect.deleteOffsets(CONNECTOR);
    }

    /** Runs a stopped connector again. */
    public static void resume(ProbeTarget stack) throws IOException, InterruptedException {
        KafkaConnectRest.of(stack).resume(CONNECTOR);
    }

    @Override
    public String name() {
        return "cdc connector";
    }

    @Override
    public List<String> needs() {
        return List.of("kafka-connect");
    }

    @Override
    public List<StepOutcome> apply(ProbeTarget stack) throws Exception {
        KafkaConnectRest connect = KafkaConnectRest.of(stack);
        Map<String, String> wanted = connectorConfig();
        Optional<Map<String, String>> stored = connect.config(CONNECTOR);
        String object = CONNECTOR + " (" + connect.baseUrl() + ")";
        if (stored.isPresent()) {
            Map<String, String> current = new TreeMap<>(stored.get());
            current.remove("name");
            if (current.equals(new TreeMap<>(wanted))) {
                return List.of(new StepOutcome(name(), object, false, "unchanged, " + state(connect)));
            }
            TreeSet<String> changed = new TreeSet<>(wanted.keySet());
            changed.addAll(current.keySet());
            changed.removeIf(key -> Objects.equals(wanted.get(key), current.get(key)));
            connect.putConfig(CONNECTOR, wanted);
            // a task the old config made fail (a stack upgraded from one whose worker read the password from its
            // environment) would show FAILED until the worker restarts it with the new one: restart it now, so that
            // whoever waits next sees RESTARTING, then the new config's own state
            connect.restartFailed(CONNECTOR);
            return List.of(new StepOutcome(name(), object, true, "updated " + String.join(", ", changed)));
        }
        connect.putConfig(CONNECTOR, wanted);
        return List.of(new StepOutcome(name(), object, true,
                "created: database shop -> topics cdc.shop.<table>, snapshot then binlog"));
    }

    private static String state(KafkaConnectRest connect) throws Exception {
        return connect.status(CONNECTOR).map(KafkaConnectProbe::connectorState).orElse("no state reported yet");
    }
}
