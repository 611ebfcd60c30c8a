package io.lakehouse.deploy;

import io.lakehouse.deploy.kubernetes.KubernetesManifests;
import io.lakehouse.runtime.docker.ComposeFile;
import io.lakehouse.stack.ScaleSpec;
import io.lakehouse.stack.ServiceCatalog;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Compose and Kubernetes at a scale: the added instances come out of the one generator each, as any service. */
class ScaledDeploymentsTest {
    private static final Path HOME = Path.of("..").toAbsolutePath().normalize();
    private final ServiceCatalog scaled = ServiceCatalog.standard().scaled(
            ScaleSpec.parse("trino-worker=2,spark-worker=2,flink-taskmanager=2,datanode=3,kafka=3"));

    @Test
    void composeRunsEveryInstanceAsAServiceOfItsOwnAndTellsEachContainerTheScale() {
        String compose = new ComposeFile(scaled).files().get(ComposeFile.MAIN);
        for (String instance : new String[] {"datanode-2", "datanode-3", "kafka-2", "kafka-3", "trino-worker-1",
                "trino-worker-2", "spark-worker-2", "flink-taskmanager-2"}) {
            assertTrue(compose.contains("\n  " + instance + ":\n"), instance);
            assertTrue(compose.contains("\n    command: [" + instance + "]\n"), instance);
            assertTrue(compose.contains("\n  " + instance + "-data:\n"), instance + "'s own volume");
        }
        assertTrue(compose.contains("LAKEHOUSE_SCALE: \"datanode=3,flink-taskmanager=2,kafka=3,spark-worker=2,"
                + "trino-worker=2\""));
        assertTrue(compose.contains("\"127.0.0.1:${LAKEHOUSE_KAFKA_3_PORT:-9292}:${LAKEHOUSE_KAFKA_3_PORT:-9292}\""));
        assertTrue(compose.contains("\"127.0.0.1:${LAKEHOUSE_TRINO_WORKER_1_PORT:-8180}:"));
        assertFalse(new ComposeFile(ServiceCatalog.standard()).files().get(ComposeFile.MAIN)
                .contains("LAKEHOUSE_SCALE"), "the standard compose file says nothing of a scale");
    }

    @Test
    void kubernetesRunsAnInstanceAsItsOriginalRuns() {
        Map<String, String> files = new KubernetesManifests(scaled, HOME, Optional.empty()).files();
        assertTrue(files.get("k8s/base/kafka-3.yaml").contains("kind: StatefulSet"), "a broker keeps its log");
        assertTrue(files.get("k8s/base/trino-worker-1.yaml").contains("kind: Deployment"));
        assertTrue(files.get("k8s/base/environment.yaml").contains("LAKEHOUSE_SCALE"));
        assertTrue(files.get("k8s/base/kustomization.yaml").contains("datanode-3.yaml"));
    }
}
