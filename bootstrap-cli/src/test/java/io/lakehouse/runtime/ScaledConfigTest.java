package io.lakehouse.runtime;

import io.lakehouse.stack.ProbeTarget;
import io.lakehouse.stack.ScaleSpec;
import io.lakehouse.stack.ServiceCatalog;
import io.lakehouse.stack.ServiceDefinition;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real config templates of compose/, rendered for the instances of a scaled stack as seen from the host. */
class ScaledConfigTest {
    private static final Path COMPOSE = Path.of("..", "compose").toAbsolutePath().normalize();
    private final ServiceCatalog scaled = ServiceCatalog.standard().scaled(
            ScaleSpec.parse("trino-worker=2,spark-worker=2,flink-taskmanager=2,datanode=3,kafka=3"));

    @Test
    void eachBrokerIsItsOwnNodeOfOneQuorumWithReplicatedTopics() throws Exception {
        String kafka2 = render("kafka-2", "kafka/server.properties");
        assertTrue(kafka2.contains("\nnode.id=2\n"), kafka2);
        assertTrue(kafka2.contains("\ncontroller.quorum.voters=1@127.0.0.1:9093,2@127.0.0.1:9193,3@127.0.0.1:9293\n"));
        assertTrue(kafka2.contains("listeners=EXTERNAL://127.0.0.1:9192,INTERNAL://127.0.0.1:9194,"
                + "CONTROLLER://127.0.0.1:9193\n"));
        assertTrue(kafka2.contains("\ndefault.replication.factor=3\nmin.insync.replicas=2\n"));
        assertTrue(render("kafka", "kafka/server.properties").contains("\nnode.id=1\n"));
        assertTrue(render("kafka-connect", "kafka-connect/connect-distributed.properties")
                .contains("\noffset.storage.replication.factor=3\n"));
    }

    @Test
    void workersFindTheCoordinatorWhichSchedulesNothingOnItself() throws Exception {
        String worker = render("trino-worker-1", "trino/config.properties");
        assertTrue(worker.contains("\ncoordinator=false\n"), worker);
        assertTrue(worker.contains("\ndiscovery.uri=http://127.0.0.1:8080\n"));
        assertTrue(worker.contains("\nhttp-server.http.port=8180\n"));
        String coordinator = render("trino", "trino/config.properties");
        assertTrue(coordinator.contains("\ncoordinator=true\nnode-scheduler.include-coordinator=false\n"));
        assertTrue(render("trino", "trino/hdfs-site.xml").contains("<value>3</value>"));
    }

    @Test
    void eachDataNodeListensOnItsOwnPortsAndBlocksHaveThreeReplicas() throws Exception {
        String dataNode3 = render("datanode-3", "hdfs/hdfs-site.xml");
        assertTrue(dataNode3.contains("<value>127.0.0.1:10066</value>"), dataNode3);
        assertTrue(dataNode3.contains("<value>127.0.0.1:10064</value>"));
        assertTrue(dataNode3.contains("<value>/state/data/datanode-3/data</value>"));
        assertTrue(render("namenode", "hdfs/hdfs-site.xml")
                .contains("<name>dfs.replication</name>\n    <value>3</value>"));
    }

    @Test
    void theStandardStackRendersAsBefore() throws Exception {
        ServiceCatalog standard = ServiceCatalog.standard();
        String kafka = render(standard, "kafka", "kafka/server.properties");
        assertTrue(kafka.contains("\nnode.id=1\n"));
        assertTrue(kafka.contains("\ncontroller.quorum.voters=1@127.0.0.1:9093\n"));
        assertTrue(kafka.contains("\ndefault.replication.factor=1\nmin.insync.replicas=1\n"));
        String trino = render(standard, "trino", "trino/config.properties");
        assertTrue(trino.contains("\ncoordinator=true\nnode-scheduler.include-coordinator=true\n"));
    }

    private String render(String service, String template) throws Exception {
        return render(scaled, service, template);
    }

    /** As the local runtime renders it: every service on 127.0.0.1, at the model's default ports. */
    private static String render(ServiceCatalog catalog, String name, String template) throws Exception {
        ServiceDefinition service = catalog.get(name);
        Map<String, Integer> ports = PortAssignments.resolve(catalog.all(), variable -> null);
        Map<String, String> addresses = new TreeMap<>();
        ports.forEach((variable, port) -> addresses.put(variable, Integer.toString(port)));
        ProbeTarget host = new ProbeTarget("127.0.0.1", ports, Map.of());
        catalog.all().forEach(s -> addresses.put(s.hostVariable(), host.hostOf(s)));
        addresses.put("BIND_ADDRESS", "127.0.0.1");
        addresses.put("PUBLISHED_HOST", "127.0.0.1");
        addresses.put("DATA_DIR", "/state/data/" + name);
        Map<String, String> variables = ServiceVariables.complete(service, catalog, addresses);
        String text = Files.readString(COMPOSE.resolve(template));
        Map<String, String> all = new TreeMap<>(variables);
        // the template's other variables (folders, secrets) do not matter here
        java.util.regex.Matcher other = java.util.regex.Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)}").matcher(text);
        while (other.find()) {
            all.putIfAbsent(other.group(1), "<" + other.group(1) + ">");
        }
        TemplateRenderer renderer = new TemplateRenderer(all);
        return renderer.render(text, template);
    }
}
