package io.lakehouse.stack.services;

import com.google.auto.service.AutoService;
import io.lakehouse.stack.GeneratedValue;
import io.lakehouse.stack.InitStep;
import io.lakehouse.stack.JdkRequirement;
import io.lakehouse.stack.LaunchCommand;
import io.lakehouse.stack.LocalLaunch;
import io.lakehouse.stack.Scaling;
import io.lakehouse.stack.ServiceDefinition;
import io.lakehouse.stack.ServiceDescription;
import io.lakehouse.stack.Versions;
import io.lakehouse.stack.health.KafkaAdminProbe;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Kafka in KRaft mode: one process that is both broker and controller, storage formatted on first start. Scales to
 * N such brokers (kafka-2, ...), all voters of one static controller quorum.
 */
@AutoService(ServiceDescription.class)
public final class KafkaService implements ServiceDescription {
    private static final List<String> CLASSPATH = List.of("${CONF_DIR}", "${DIST_DIR}/lib/*");
    private static final List<String> LOGGING = List.of("-Dlog4j2.configurationFile=${CONF_DIR}/log4j2.properties",
            "-Djava.awt.headless=true");

    @Override
    public ServiceDefinition definition(Versions versions) {
        return ServiceDefinition.builder("kafka")
                .description("Kafka event streaming (KRaft, combined broker and controller)")
                .version(versions.of("kafka"))
                .port("KAFKA_PORT", 9092, "broker, for clients on the host")
                .internalPort("KAFKA_CONTROLLER_PORT", 9093, "KRaft controller")
                .internalPort("KAFKA_INTERNAL_PORT", 9094, "broker, for the other services")
                .insideTheStackUse("KAFKA_PORT", "KAFKA_INTERNAL_PORT")
                .health(new KafkaAdminProbe("KAFKA_PORT"))
                .generates(GeneratedValue.clusterId("KAFKA_CLUSTER_ID"))
                .scaling(Scaling.byInstances("kafka")
                        .numberedBy("KAFKA_NODE_ID")
                        // every broker is also a controller: a static quorum of all of them
                        .clusterVariable("KAFKA_CONTROLLER_QUORUM_VOTERS", KafkaService::quorumVoters)
                        // what the other services bootstrap from: every broker, so one down leaves the rest found
                        .clusterVariable("KAFKA_BOOTSTRAP_SERVERS", KafkaService::bootstrapServers)
                        .clusterVariable("KAFKA_REPLICATION_FACTOR",
                                brokers -> Integer.toString(Scaling.replication(brokers.size())))
                        // one replica may be away (a broker restarting) and producers with acks=all go on
                        .clusterVariable("KAFKA_MIN_INSYNC_REPLICAS",
                                brokers -> Integer.toString(minInsyncReplicas(brokers.size()))))
                .memoryBudgetMb(700)
                .keepsData("the KRaft log: topics, offsets, cluster metadata")
                // a controlled shutdown moves leadership and flushes the log
                .stopGracePeriod(Duration.ofSeconds(30))
                .startTimeout(Duration.ofSeconds(90))
                .local(new LocalLaunch("kafka",
                        List.of(new InitStep("format-storage", "format the KRaft log directory",
                                new LaunchCommand.Java(JdkRequirement.atLeast(17), "kafka.tools.StorageTool", CLASSPATH, 256, LOGGING,
                                        List.of("format", "--ignore-formatted", "--cluster-id=${KAFKA_CLUSTER_ID}",
                                                "--config=${CONF_DIR}/server.properties")),
                                Duration.ofSeconds(60))),
                        new LaunchCommand.Java(JdkRequirement.atLeast(17), "kafka.Kafka", CLASSPATH, 512, LOGGING,
                                List.of("${CONF_DIR}/server.properties")),
                        Map.of()))
                .build();
    }

    /** {@code 1@host:port,2@host:port}: each broker's node id at its controller listener. */
    static String quorumVoters(List<ServiceDefinition> brokers) {
        StringBuilder voters = new StringBuilder();
        for (int i = 0; i < brokers.size(); i++) {
            ServiceDefinition broker = brokers.get(i);
            voters.append(i == 0 ? "" : ",").append(i + 1).append("@${").append(broker.hostVariable()).append("}:${")
                    .append(broker.ownVariable("KAFKA_CONTROLLER_PORT")).append('}');
        }
        return voters.toString();
    }

    /** {@code host:port,host:port}: each broker's listener for the other services ({@code KAFKA_INTERNAL_PORT}). */
    static String bootstrapServers(List<ServiceDefinition> brokers) {
        StringBuilder servers = new StringBuilder();
        for (ServiceDefinition broker : brokers) {
            servers.append(servers.isEmpty() ? "" : ",").append("${").append(broker.hostVariable()).append("}:${")
                    .append(broker.ownVariable("KAFKA_INTERNAL_PORT")).append('}');
        }
        return servers.toString();
    }

    /** One less than the replication factor, at least 1: a partition stays writable with one replica away. */
    static int minInsyncReplicas(int brokers) {
        return Math.max(1, Scaling.replication(brokers) - 1);
    }
}
