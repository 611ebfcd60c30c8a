package io.lakehouse.stack;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScaledCatalogTest {
    static final String DEMO = "trino-worker=2,spark-worker=2,flink-taskmanager=2,datanode=3,kafka=3";

    @Test
    void theDemoScaleIsTheOneTheDeploymentsAndTheScaledTestRun() {
        assertEquals(ScaleSpec.parse(DEMO), ScaleSpec.DEMO);
    }

    /** A Kafka client bootstraps from every broker (from the host: each external listener; inside: each internal). */
    @Test
    void kafkaClientsBootstrapFromEveryBroker() {
        ServiceCatalog demo = standard.scaled(ScaleSpec.DEMO);
        ProbeTarget fromHost = new ProbeTarget("127.0.0.1", io.lakehouse.runtime.PortAssignments.resolve(demo.all(),
                name -> null), Map.of()).withInstancesOf(demo);
        assertEquals("127.0.0.1:9092,127.0.0.1:9192,127.0.0.1:9292", fromHost.everyAddress("KAFKA_PORT"));
        assertEquals("kafka:9094,kafka-2:9194,kafka-3:9294", fromHost.seenFromInside(demo).everyAddress("KAFKA_PORT"));
        assertEquals("127.0.0.1:8020", fromHost.everyAddress("NAMENODE_RPC_PORT"), "a service that runs once");
        ProbeTarget standardView = new ProbeTarget("127.0.0.1", io.lakehouse.runtime.PortAssignments.resolve(
                standard.all(), name -> null), Map.of()).withInstancesOf(standard);
        assertEquals("127.0.0.1:9092", standardView.everyAddress("KAFKA_PORT"));
    }
    private final ServiceCatalog standard = ServiceCatalog.standard();

    @Test
    void theStandardScaleIsTodaysCatalogItself() {
        assertSame(standard, standard.scaled(ScaleSpec.STANDARD));
        assertSame(standard, standard.scaled(ScaleSpec.parse("datanode=1,kafka=1,trino-worker=0")));
        assertEquals(Map.of("HDFS_REPLICATION", "1", "KAFKA_REPLICATION_FACTOR", "1",
                "KAFKA_MIN_INSYNC_REPLICAS", "1", "KAFKA_CONTROLLER_QUORUM_VOTERS", "1@${KAFKA_HOST}:${KAFKA_CONTROLLER_PORT}",
                "KAFKA_BOOTSTRAP_SERVERS", "${KAFKA_HOST}:${KAFKA_INTERNAL_PORT}",
                "TRINO_INCLUDE_COORDINATOR", "true", "TRINO_DISCOVERY_URI", "http://${TRINO_HOST}:${TRINO_PORT}",
                "SPARK_CORES_MAX", "2"), standard.clusterVariables());
        assertEquals("1", standard.get("kafka").variables().get("KAFKA_NODE_ID"));
        assertEquals("true", standard.get("trino").variables().get("TRINO_COORDINATOR"));
    }

    @Test
    void addedInstancesAreOrdinaryServicesAfterTheirOriginal() {
        ServiceCatalog scaled = standard.scaled(ScaleSpec.parse(DEMO));
        List<String> added = new ArrayList<>(scaled.all().stream().map(ServiceDefinition::name).toList());
        added.removeAll(standard.all().stream().map(ServiceDefinition::name).toList());
        assertEquals(Set.of("datanode-2", "datanode-3", "kafka-2", "kafka-3", "trino-worker-1", "trino-worker-2",
                "spark-worker-2", "flink-taskmanager-2"), Set.copyOf(added));
        assertEquals(standard.all().size() + 8, scaled.all().size());
        assertEquals(ScaleSpec.parse(DEMO), scaled.scale());
        assertEquals(List.of("datanode", "datanode-2", "datanode-3"),
                scaled.instancesOf("datanode").stream().map(ServiceDefinition::name).toList());

        ServiceDefinition dataNode2 = scaled.get("datanode-2");
        assertEquals(List.of("namenode"), dataNode2.dependsOn());
        assertEquals("datanode-2", dataNode2.composeService());
        assertEquals(List.of("DATANODE_2_PORT", "DATANODE_2_HTTP_PORT", "DATANODE_2_IPC_PORT"),
                dataNode2.ports().stream().map(PortSpec::variable).toList());
        assertEquals(List.of(9866 + 100, 9864 + 100, 9867 + 100),
                dataNode2.ports().stream().map(PortSpec::defaultPort).toList());
        assertEquals(standard.get("datanode").memoryBudgetMb(), dataNode2.memoryBudgetMb());
        assertTrue(dataNode2.container().keepsData());
        // the workers start beside the coordinator, which needs one of them to answer its probe's query
        assertEquals(standard.get("trino").dependsOn(), scaled.get("trino-worker-1").dependsOn());
        assertEquals("false", scaled.get("trino-worker-1").variables().get("TRINO_COORDINATOR"));
        assertEquals(8180, scaled.get("trino-worker-1").primaryPort().defaultPort());
        assertEquals(8280, scaled.get("trino-worker-2").primaryPort().defaultPort());
        // a broker of the quorum does not wait for another: a quorum of 3 needs 2 to start together
        assertEquals(List.of(), scaled.get("kafka-3").dependsOn());
        assertEquals("3", scaled.get("kafka-3").variables().get("KAFKA_NODE_ID"));
        // an instance reads the cluster id its original generates, and generates none of its own
        assertEquals(List.of(), scaled.get("kafka-2").generatedValues());
        assertTrue(scaled.get("kafka-2").container().reads().contains("KAFKA_CLUSTER_ID"));
        assertEquals("KAFKA_2_INTERNAL_PORT", scaled.get("kafka-2").primaryPort().insideVariable().orElseThrow());
    }

    /** 'up trino' at a scale starts the coordinator's workers too, and 'up kafka' the whole quorum. */
    @Test
    void namingAServiceTakesItsWholeRole() {
        ServiceCatalog scaled = standard.scaled(ScaleSpec.parse(DEMO));
        List<String> trino = scaled.withDependencies(List.of("trino")).stream().map(ServiceDefinition::name).toList();
        assertTrue(trino.containsAll(List.of("trino", "trino-worker-1", "trino-worker-2", "datanode-2", "datanode-3")),
                trino.toString());
        assertTrue(trino.indexOf("datanode-3") < trino.indexOf("trino-worker-2"), "in start order: " + trino);
        List<String> kafka = scaled.withDependencies(List.of("kafka")).stream().map(ServiceDefinition::name).toList();
        assertEquals(List.of("kafka", "kafka-2", "kafka-3"), kafka);
        List<String> down = scaled.withDependents(List.of("trino")).stream().map(ServiceDefinition::name).toList();
        assertTrue(down.containsAll(List.of("trino", "trino-worker-1", "trino-worker-2")), down.toString());
        assertEquals(List.of("trino-worker-2"), scaled.withDependents(List.of("trino-worker-2")).stream()
                .map(ServiceDefinition::name).toList(), "an instance named alone is that instance");
        assertEquals(standard.withDependencies(List.of("trino")).stream().map(ServiceDefinition::name).toList(),
                List.of("mysql", "namenode", "datanode", "hive-metastore", "trino"));
    }

    @Test
    void everyPortOfTheScaledStackIsItsOwn() {
        ServiceCatalog scaled = standard.scaled(ScaleSpec.parse(
                "trino-worker=8,spark-worker=9,flink-taskmanager=9,datanode=9,kafka=9"));
        Set<Integer> numbers = new HashSet<>();
        Set<String> variables = new HashSet<>();
        scaled.all().forEach(s -> s.ports().forEach(p -> {
            assertTrue(numbers.add(p.defaultPort()), s.name() + " " + p.variable() + " " + p.defaultPort() + " taken");
            assertTrue(variables.add(p.variable()), p.variable() + " twice");
        }));
    }

    @Test
    void clusterVariablesFollowTheCounts() {
        Map<String, String> demo = standard.scaled(ScaleSpec.parse(DEMO)).clusterVariables();
        assertEquals("3", demo.get("HDFS_REPLICATION"));
        assertEquals("3", demo.get("KAFKA_REPLICATION_FACTOR"));
        assertEquals("2", demo.get("KAFKA_MIN_INSYNC_REPLICAS"));
        assertEquals("1@${KAFKA_HOST}:${KAFKA_CONTROLLER_PORT},2@${KAFKA_2_HOST}:${KAFKA_2_CONTROLLER_PORT},"
                + "3@${KAFKA_3_HOST}:${KAFKA_3_CONTROLLER_PORT}", demo.get("KAFKA_CONTROLLER_QUORUM_VOTERS"));
        assertEquals("${KAFKA_HOST}:${KAFKA_INTERNAL_PORT},${KAFKA_2_HOST}:${KAFKA_2_INTERNAL_PORT},"
                + "${KAFKA_3_HOST}:${KAFKA_3_INTERNAL_PORT}", demo.get("KAFKA_BOOTSTRAP_SERVERS"));
        assertEquals("false", demo.get("TRINO_INCLUDE_COORDINATOR"));
        assertEquals("4", demo.get("SPARK_CORES_MAX"));

        Map<String, String> two = standard.scaled(ScaleSpec.parse("datanode=2,kafka=2")).clusterVariables();
        assertEquals("2", two.get("HDFS_REPLICATION"));
        assertEquals("2", two.get("KAFKA_REPLICATION_FACTOR"));
        assertEquals("1", two.get("KAFKA_MIN_INSYNC_REPLICAS"));
        assertEquals("true", two.get("TRINO_INCLUDE_COORDINATOR"));

        Map<String, String> five = standard.scaled(ScaleSpec.parse("datanode=5,kafka=5")).clusterVariables();
        assertEquals("3", five.get("HDFS_REPLICATION"));
        assertEquals("3", five.get("KAFKA_REPLICATION_FACTOR"));
        assertEquals("2", five.get("KAFKA_MIN_INSYNC_REPLICAS"));
    }

    @Test
    void aScaleThatCannotBeIsAUsageErrorThatSaysWhatCan() {
        ScaleSpecException unknown = assertThrows(ScaleSpecException.class,
                () -> standard.scaled(ScaleSpec.parse("trino-workers=2")));
        assertTrue(unknown.getMessage().contains("no such role; roles that scale: datanode, flink-taskmanager, "
                + "kafka, spark-worker, trino-worker"), unknown.getMessage());
        assertTrue(assertThrows(ScaleSpecException.class, () -> standard.scaled(ScaleSpec.parse("mysql=2")))
                .getMessage().contains("mysql runs as one instance only"));
        assertTrue(assertThrows(ScaleSpecException.class, () -> standard.scaled(ScaleSpec.parse("datanode=0")))
                .getMessage().contains("datanode runs 1 to 9 instance(s)"));
        assertTrue(assertThrows(ScaleSpecException.class, () -> standard.scaled(ScaleSpec.parse("trino-worker=9")))
                .getMessage().contains("trino-worker runs 0 to 8"));
        assertTrue(assertThrows(ScaleSpecException.class, () -> ScaleSpec.parse("datanode"))
                .getMessage().contains("is not ROLE=N"));
        assertTrue(assertThrows(ScaleSpecException.class, () -> ScaleSpec.parse("kafka=3,kafka=1"))
                .getMessage().contains("names kafka twice"));
        assertEquals(io.lakehouse.failure.ExitStatus.USAGE, unknown.status());
    }

    @Test
    void aScaleReadsBackAsItIsWritten() {
        ScaleSpec spec = ScaleSpec.parse(DEMO);
        assertEquals("datanode=3,flink-taskmanager=2,kafka=3,spark-worker=2,trino-worker=2", spec.toString());
        assertEquals(spec, ScaleSpec.parse(spec.toString()));
        assertEquals("", ScaleSpec.STANDARD.toString());
    }
}
