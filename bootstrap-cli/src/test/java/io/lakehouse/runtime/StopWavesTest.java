package io.lakehouse.runtime;

import io.lakehouse.stack.ScaleSpec;
import io.lakehouse.stack.ServiceCatalog;
import io.lakehouse.stack.ServiceDefinition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StopWavesTest {

    @Test
    void everyServiceStopsOnceAfterEveryServiceThatNeedsIt() {
        for (ServiceCatalog catalog : List.of(ServiceCatalog.standard(),
                ServiceCatalog.standard().scaled(ScaleSpec.DEMO))) {
            List<ServiceDefinition> services = catalog.all();
            List<List<ServiceDefinition>> waves = StopWaves.of(services);
            Map<String, Integer> waveOf = new HashMap<>();
            for (int i = 0; i < waves.size(); i++) {
                for (ServiceDefinition service : waves.get(i)) {
                    assertEquals(null, waveOf.put(service.name(), i), service.name() + " stops twice");
                }
            }
            assertEquals(services.size(), waveOf.size());
            for (ServiceDefinition service : services) {
                for (String need : service.needs()) {
                    if (waveOf.containsKey(need) && !sameRole(catalog.get(need), service)) {
                        assertTrue(waveOf.get(service.name()) < waveOf.get(need),
                                service.name() + " needs " + need + " but is stopped after it: " + names(waves));
                    }
                }
            }
            assertTrue(waves.size() > 1, "some services need others: " + names(waves));
        }
    }

    @Test
    void aRolesInstancesStopTogetherWithTheirOriginal() {
        ServiceCatalog scaled = ServiceCatalog.standard().scaled(ScaleSpec.DEMO);
        List<List<ServiceDefinition>> waves = StopWaves.of(scaled.all());
        List<String> brokers = waves.stream().map(StopWavesTest::namesOf)
                .filter(names -> names.contains("kafka")).findFirst().orElseThrow();
        assertTrue(brokers.containsAll(List.of("kafka", "kafka-2", "kafka-3")), names(waves).toString());
        List<String> datanodes = waves.stream().map(StopWavesTest::namesOf)
                .filter(names -> names.contains("datanode")).findFirst().orElseThrow();
        assertTrue(datanodes.containsAll(List.of("datanode", "datanode-2", "datanode-3")), names(waves).toString());
    }

    @Test
    void aPartOfTheStackKeepsItsOrder() {
        ServiceCatalog catalog = ServiceCatalog.standard();
        List<ServiceDefinition> some = List.of(catalog.get("kafka"), catalog.get("mysql"), catalog.get("kafka-connect"));
        assertEquals(List.of(List.of("kafka-connect"), List.of("kafka", "mysql")), names(StopWaves.of(some)));
    }

    private static boolean sameRole(ServiceDefinition a, ServiceDefinition b) {
        return a.instance().map(ServiceDefinition.Instance::original).orElse(a.name())
                .equals(b.instance().map(ServiceDefinition.Instance::original).orElse(b.name()));
    }

    private static List<String> namesOf(List<ServiceDefinition> wave) {
        return wave.stream().map(ServiceDefinition::name).toList();
    }

    private static List<List<String>> names(List<List<ServiceDefinition>> waves) {
        List<List<String>> names = new ArrayList<>();
        waves.forEach(wave -> names.add(namesOf(wave)));
        return names;
    }
}
