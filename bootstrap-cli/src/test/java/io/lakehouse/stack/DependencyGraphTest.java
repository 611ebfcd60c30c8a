package io.lakehouse.stack;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DependencyGraphTest {

    @Test
    void standardCatalogStartsEveryServiceAfterWhatItNeeds() {
        ServiceCatalog catalog = ServiceCatalog.standard();
        List<String> order = catalog.graph().startOrder();
        for (ServiceDefinition service : catalog.all()) {
            for (String need : service.dependsOn()) {
                assertTrue(order.indexOf(need) < order.indexOf(service.name()),
                        need + " must start before " + service.name() + " in " + order);
            }
        }
        // every description in the package, found without a list: in layers (what needs nothing first), by name
        assertEquals(List.of("kafka", "mysql", "namenode", "serving-store", "spark-master",
                "datanode", "flink-jobmanager", "hive-metastore", "kafka-connect", "spark-worker",
                "flink-taskmanager", "spark-connect", "trino", "airflow", "jupyter", "superset"), order);
        assertEquals(List.of("starrocks"), catalog.onDemand().stream().map(OnDemandService::name).toList());
    }

    @Test
    void closureAddsDependenciesAndDependentsAddsWhatNeedsThem() {
        ServiceCatalog catalog = ServiceCatalog.standard();
        assertEquals(List.of("mysql", "namenode", "hive-metastore"),
                catalog.withDependencies(List.of("hive-metastore")).stream().map(ServiceDefinition::name).toList());
        List<String> dependents = catalog.withDependents(List.of("namenode")).stream().map(ServiceDefinition::name)
                .toList();
        assertEquals("namenode", dependents.get(0));
        assertTrue(dependents.containsAll(List.of("datanode", "hive-metastore")), dependents.toString());
        assertTrue(!dependents.contains("kafka") && !dependents.contains("mysql"), dependents.toString());
    }

    @Test
    void cycleIsRejectedAndNamed() {
        Map<String, List<String>> deps = new LinkedHashMap<>();
        deps.put("a", List.of("b"));
        deps.put("b", List.of("c"));
        deps.put("c", List.of("a"));
        deps.put("d", List.of());
        DependencyCycleException e = assertThrows(DependencyCycleException.class, () -> new DependencyGraph(deps));
        assertEquals(List.of("a", "b", "c", "a"), e.cycle());
        assertTrue(e.getMessage().contains("a -> b -> c -> a"), e.getMessage());
    }

    @Test
    void selfDependencyIsACycle() {
        assertThrows(DependencyCycleException.class, () -> new DependencyGraph(Map.of("a", List.of("a"))));
    }

    @Test
    void unknownDependencyIsRejected() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new DependencyGraph(Map.of("a", List.of("nope"))));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }

    @Test
    void unknownServiceNameListsTheValidOnes() {
        UnknownServiceException e = assertThrows(UnknownServiceException.class,
                () -> ServiceCatalog.standard().get("kafak"));
        assertTrue(e.getMessage().contains("kafak") && e.getMessage().contains("kafka, mysql, namenode"), e.getMessage());
    }
}
