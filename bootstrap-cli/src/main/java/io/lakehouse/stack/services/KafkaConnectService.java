package io.lakehouse.stack.services;

import com.google.auto.service.AutoService;
import io.lakehouse.stack.JdkRequirement;
import io.lakehouse.stack.LaunchCommand;
import io.lakehouse.stack.LocalLaunch;
import io.lakehouse.stack.ServiceDefinition;
import io.lakehouse.stack.ServiceDescription;
import io.lakehouse.stack.Versions;
import io.lakehouse.stack.health.KafkaConnectProbe;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Kafka Connect worker in distributed mode (its connectors, offsets and statuses live in Kafka topics) with
 * Debezium's MariaDB connector on its plugin path: change data capture from the {@code mysql} service's binlog into
 * Kafka. The connector itself is registered by bootstrap ({@code CdcConnectorStep}).
 */
@AutoService(ServiceDescription.class)
public final class KafkaConnectService implements ServiceDescription {
    public static final String DEBEZIUM_MARIADB_CONNECTOR = "io.debezium.connector.mariadb.MariaDbConnector";

    @Override
    public ServiceDefinition definition(Versions versions) {
        return ServiceDefinition.builder("kafka-connect")
                .description("Kafka Connect " + versions.of("kafka") + " worker with Debezium's MariaDB connector (CDC)")
                .version(versions.of("debezium"))
                .port("CONNECT_PORT", 8083, "REST API")
                .dependsOn("kafka", "mysql")
                .health(new KafkaConnectProbe("CONNECT_PORT", DEBEZIUM_MARIADB_CONNECTOR))
                // ~210 MB resident when streaming (measured); the heap may grow to 384 MB during a large snapshot
                .memoryBudgetMb(450)
                // rendered into the worker's owner-only secrets/CDC_DB_PASSWORD, which its DirectoryConfigProvider reads
                // (connector config: database.password=${secrets:<conf>/secrets:CDC_DB_PASSWORD})
                .containerReads("CDC_DB_PASSWORD")
                .startTimeout(Duration.ofSeconds(120))
                .ui("/connectors?expand=status")
                .local(new LocalLaunch("kafka-connect", List.of(),
                        new LaunchCommand.Java(JdkRequirement.atLeast(17),
                                "org.apache.kafka.connect.cli.ConnectDistributed",
                                List.of("${CONF_DIR}", "${DIST_DIR}/lib/*"), 384,
                                // a small initial heap: the default (1/64 of RAM) commits ~384 MB at start on a
                                // 24 GiB machine though an idle worker uses under 100 MB of it
                                List.of("-Xms64m", "-Dlog4j2.configurationFile=${CONF_DIR}/log4j2.properties",
                                        "-Djava.awt.headless=true"),
                                List.of("${CONF_DIR}/connect-distributed.properties")),
                        // addresses read by the worker's EnvVarConfigProvider (connector configs say ${env:NAME});
                        // no secret: a process's environment is readable for its life (/proc/PID/environ)
                        Map.of("MYSQL_HOST", "${MYSQL_HOST}",
                                "MYSQL_PORT", "${MYSQL_PORT}",
                                // every broker's listener for the other services (one at the standard scale)
                                "KAFKA_BOOTSTRAP_SERVERS", "${KAFKA_BOOTSTRAP_SERVERS}")))
                .build();
    }
}
