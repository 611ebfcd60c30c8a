package io.lakehouse.chaos;

import io.lakehouse.stack.ServiceCatalog;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The faults chaos accepts: KIND:SERVICE for the stack's stateful services, each hit during a stage of seed. */
class FaultTest {
    @Test
    void aFaultNamesItsKindItsServiceAndTheStageItHits() {
        Fault fault = Fault.parse("kill:hive-metastore");
        assertEquals(Fault.Kind.KILL, fault.kind());
        assertEquals("hive-metastore", fault.service());
        assertEquals("bronze catch-up", fault.stage());
        assertEquals("stop:kafka", Fault.parse(" stop:kafka ").name());
    }

    @Test
    void theDefaultListIsEveryStatefulServiceKilledKafkaAndTheMetastoreHungTheBinlogPurgedAndKafkasDiskFull() {
        List<Fault> faults = Fault.parseAll(Fault.DEFAULT);
        assertEquals(15, faults.size());
        assertEquals(11, faults.stream().filter(f -> f.kind() == Fault.Kind.KILL).count());
        assertEquals(List.of("purge-binlog:kafka-connect"), faults.stream()
                .filter(f -> f.kind() == Fault.Kind.PURGE_BINLOG).map(Fault::name).toList());
        assertEquals(List.of("full-disk:kafka"), faults.stream()
                .filter(f -> f.kind() == Fault.Kind.FULL_DISK).map(Fault::name).toList());
        ServiceCatalog catalog = ServiceCatalog.standard();
        faults.forEach(f -> catalog.get(f.service()));   // each is a service of the model
    }

    @Test
    void aWrongFaultIsRefusedNamingWhatIsAllowed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Fault.parse("kill"))
                .getMessage().contains("KIND:SERVICE"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Fault.parse("pause:kafka"))
                .getMessage().contains("kill, stop, purge-binlog"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Fault.parse("purge-binlog:kafka"))
                .getMessage().contains("purge-binlog:kafka-connect"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Fault.parse("full-disk:mysql"))
                .getMessage().contains("full-disk:kafka"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Fault.parse("kill:superset"))
                .getMessage().contains("hive-metastore"));
    }

    @Test
    void everySeedStageAFaultHitsIsAStageOfSeed() {
        List<String> stages = io.lakehouse.seed.Seed.standard().stages().stream().map(s -> s.name()).toList();
        Fault.STAGE_OF.values().forEach(stage -> assertTrue(stages.contains(stage), stage + " not in " + stages));
    }

    @Test
    void killsStopsAndPurgesRunOnBothRuntimesAndFullDiskSaysWhyNotUnderCompose() {
        for (io.lakehouse.runtime.RuntimeKind runtime : io.lakehouse.runtime.RuntimeKind.values()) {
            assertEquals(java.util.Optional.empty(), Fault.Kind.KILL.unavailableOn(runtime));
            assertEquals(java.util.Optional.empty(), Fault.Kind.STOP.unavailableOn(runtime));
        }
        for (io.lakehouse.runtime.RuntimeKind runtime : io.lakehouse.runtime.RuntimeKind.values()) {
            assertEquals(java.util.Optional.empty(), Fault.Kind.PURGE_BINLOG.unavailableOn(runtime));
        }
        assertTrue(Fault.Kind.FULL_DISK.unavailableOn(io.lakehouse.runtime.RuntimeKind.DOCKER).orElseThrow()
                .contains("local runtime only"));
    }
}
