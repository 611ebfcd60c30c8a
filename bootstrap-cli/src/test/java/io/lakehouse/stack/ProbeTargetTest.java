package io.lakehouse.stack;

import io.lakehouse.runtime.PortAssignments;
import io.lakehouse.seed.streaming.JobEnvironment;
import io.lakehouse.seed.streaming.StreamingJob;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The address book's two views: from the host every port on 127.0.0.1; inside compose each on its service's name. */
class ProbeTargetTest {
    private final ServiceCatalog catalog = ServiceCatalog.standard();
    private final ProbeTarget fromHost = new ProbeTarget("127.0.0.1",
            PortAssignments.resolve(catalog.all(), Map.of("LAKEHOUSE_KAFKA_PORT", "19092")::get), Map.of());

    @Test
    void fromTheHostEveryPortIsOnLoopbackWithItsOverride() {
        assertEquals("127.0.0.1:19092", fromHost.address("KAFKA_PORT"));
        assertEquals("127.0.0.1:8020", fromHost.address("NAMENODE_RPC_PORT"));
        assertEquals("127.0.0.1", fromHost.hostOf("TRINO_PORT"));
    }

    @Test
    void insideTheStackEachPortIsOnItsComposeNameAndKafkaOnItsListenerForContainers() {
        ProbeTarget inside = fromHost.seenFromInside(catalog);
        assertEquals("kafka:9094", inside.address("KAFKA_PORT"));
        assertEquals("namenode:8020", inside.address("NAMENODE_RPC_PORT"));
        assertEquals("hive-metastore", inside.hostOf("HIVE_METASTORE_PORT"));
        assertEquals("trino:8080", inside.address("TRINO_PORT"));
        assertEquals(19092, inside.port("KAFKA_PORT"), "the configured number stays what it is");
    }

    @Test
    void flinkJobsGetTheInsideAddressesUnderDocker() {
        List<String> args = JobEnvironment.seenBy(fromHost.seenFromInside(catalog), true)
                .arguments(StreamingJob.EVENTS);
        assertEquals(List.of("--kafka", "kafka:9094", "--metastore", "thrift://hive-metastore:9083",
                "--warehouse", "hdfs://namenode:8020/warehouse",
                "--checkpoints", "hdfs://namenode:8020/flink/checkpoints/lakehouse-events",
                "--cql", "serving-store:9042"), args);
    }

    @Test
    void theTemplatesHostVariablesComeFromTheSameViews() {
        ProbeTarget inside = fromHost.seenFromInside(catalog);
        for (ServiceDefinition service : catalog.all()) {
            assertEquals("127.0.0.1", fromHost.hostOf(service), service.name());
            assertEquals(service.composeService(), inside.hostOf(service), service.name());
        }
    }
}
