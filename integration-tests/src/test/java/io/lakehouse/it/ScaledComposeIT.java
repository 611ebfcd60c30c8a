package io.lakehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehouse.runtime.PortAssignments;
import io.lakehouse.stack.ProbeTarget;
import io.lakehouse.stack.ScaleSpec;
import io.lakehouse.stack.ServiceCatalog;
import io.lakehouse.stack.ServiceDefinition;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16's scaled topology under compose, smaller than the local runtime's (CI's time): the CLI's docker runtime
 * at {@code --scale datanode=3,kafka=3}, of Kafka and HDFS only (7 containers, from the compose file generated from
 * the scaled model, {@code compose/docker-compose.scaled.yml}). Every instance is a compose service and healthy;
 * the three brokers are one cluster whose platform topics have 3 replicas all in sync and {@code min.insync.replicas}
 * 2; the NameNode has 3 live DataNodes and replicates by 3. The Trino, Spark and Flink workers at a scale, seed and
 * the faults are {@link ScaledStackIT}'s, on the local runtime. Its own compose project, state directory and ports
 * (defaults +{@value #PORT_OFFSET}); removed with its volumes at the end.
 */
@Order(4)
@EnabledIf("io.lakehouse.it.DockerEngineAvailable#answers")
@Tag(TestStacks.DOCKER_CLI)
class ScaledComposeIT {
    static final int PORT_OFFSET = 18000;
    static final String PROJECT = DockerCliLifecycleIT.PROJECT + "-scaled";
    static final ScaleSpec SCALE = ScaleSpec.parse("datanode=3,kafka=3");
    private static final Path STATE = Path.of(System.getProperty("lakehouse.it.stateDir") + "-docker-scaled");
    private static final Map<String, String> ENV = Map.of("LAKEHOUSE_COMPOSE_PROJECT", PROJECT,
            "LAKEHOUSE_PORT_OFFSET", Integer.toString(PORT_OFFSET));
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void brokersAndDataNodesOfAScaleRunAsComposeServicesOfOneCluster() throws Exception {
        OtherStacks.assertNoneRunningBesides(TestStacks.DOCKER_CLI);
        ServiceCatalog catalog = ServiceCatalog.standard().scaled(SCALE);
        ProbeTarget stack = new ProbeTarget("127.0.0.1", PortAssignments.resolve(catalog.all(), ENV::get), Map.of())
                .withInstancesOf(catalog);
        long began = System.nanoTime();
        try {
            Cli.Run up = Cli.run(STATE, ENV, "up", "--runtime", "docker", "--scale", SCALE.toString(), "kafka",
                    "datanode");
            assertEquals(0, up.exit(), up.out() + up.err());
            PhaseLog.done("scaled compose stack (" + SCALE + ") healthy", began);

            Cli.Run status = Cli.run(STATE, ENV, "status", "--json");
            JsonNode services = new ObjectMapper().readTree(status.out());
            Set<String> healthy = new TreeSet<>();
            services.forEach(s -> {
                if (s.path("healthy").asBoolean()) {
                    healthy.add(s.path("service").asText());
                }
            });
            Set<String> expected = new TreeSet<>();
            catalog.withDependencies(List.of("kafka", "datanode")).stream().map(ServiceDefinition::name)
                    .forEach(expected::add);
            assertEquals(Set.of("kafka", "kafka-2", "kafka-3", "namenode", "datanode", "datanode-2", "datanode-3"),
                    expected, "what up --scale " + SCALE + " kafka datanode starts");
            assertTrue(healthy.containsAll(expected), "healthy: " + healthy + "\n" + status.out());

            String bootstrap = stack.everyAddress("KAFKA_PORT");
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                int brokers = admin.describeCluster().nodes().get(60, TimeUnit.SECONDS).size();
                assertEquals(3, brokers, "brokers in the cluster at " + bootstrap);
                TopicDescription events = admin.describeTopics(List.of("shop.events")).allTopicNames()
                        .get(60, TimeUnit.SECONDS).get("shop.events");
                List<String> partitions = new ArrayList<>();
                for (TopicPartitionInfo partition : events.partitions()) {
                    partitions.add(partition.partition() + ": " + partition.replicas().size() + " replicas, "
                            + partition.isr().size() + " in sync");
                    assertEquals(3, partition.replicas().size(), "shop.events " + partitions);
                    assertEquals(3, partition.isr().size(), "shop.events " + partitions);
                }
                ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, "shop.events");
                Config config = admin.describeConfigs(List.of(topic)).all().get(60, TimeUnit.SECONDS).get(topic);
                assertEquals("2", config.get("min.insync.replicas").value(), "shop.events min.insync.replicas");
                System.out.println("[scaled compose] 3 brokers; shop.events " + partitions + ", min ISR 2");
            }

            String nameNode = "http://" + stack.address("NAMENODE_HTTP_PORT");
            JsonNode state = new ObjectMapper().readTree(get(nameNode
                    + "/jmx?qry=Hadoop:service=NameNode,name=FSNamesystemState")).path("beans").path(0);
            assertEquals(3, state.path("NumLiveDataNodes").asInt(), "live DataNodes: " + state);
            Matcher replication = Pattern.compile("<name>dfs\\.replication</name>\\s*<value>(\\d+)</value>")
                    .matcher(get(nameNode + "/conf"));
            assertTrue(replication.find(), "dfs.replication in the NameNode's /conf");
            assertEquals("3", replication.group(1), "the NameNode's dfs.replication");
            System.out.println("[scaled compose] NameNode: 3 live DataNodes, dfs.replication 3");
        } finally {
            long down = System.nanoTime();
            Cli.Run purge = Cli.run(STATE, ENV, "down", "--purge", "--yes");
            PhaseLog.done("scaled compose stack purged (exit " + purge.exit() + ")", down);
        }
    }

    private static String get(String url) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url + ": " + response.body());
        return response.body();
    }
}
