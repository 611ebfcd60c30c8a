package io.lakehouse.runtime;

import io.lakehouse.stack.ScaleSpec;
import io.lakehouse.stack.ServiceCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScaleChangeTest {
    private final ServiceCatalog standard = ServiceCatalog.standard();

    @Test
    void theScaleIsRememberedAsWrittenAndAbsentIsStandard(@TempDir Path dir) {
        StackLayout layout = new StackLayout(dir, dir.resolve("state"));
        assertEquals(ScaleSpec.STANDARD, RememberedScale.read(layout));
        RememberedScale.write(layout, ScaleSpec.parse("kafka=3,datanode=3"));
        assertEquals(ScaleSpec.parse("datanode=3,kafka=3"), RememberedScale.read(layout));
        RememberedScale.restore(layout, java.util.Optional.empty());
        assertEquals(ScaleSpec.STANDARD, RememberedScale.read(layout));
    }

    @Test
    void aRunningStackKeepsItsScale(@TempDir Path dir) {
        StackLayout layout = new StackLayout(dir, dir.resolve("state"));
        List<String> refusals = ScaleChange.refusals(layout, standard,
                standard.scaled(ScaleSpec.parse("trino-worker=2")), List.of("trino"));
        assertEquals(1, refusals.size());
        assertTrue(refusals.get(0).contains("runs at the standard scale (trino); stop it with 'lakehouse down'"));
        assertEquals(List.of(), ScaleChange.refusals(layout, standard, standard, List.of("trino")));
    }

    @Test
    void workersChangeFreelyButDataIsNeverDroppedNorAQuorumResized(@TempDir Path dir) throws Exception {
        StackLayout layout = new StackLayout(dir, dir.resolve("state"));
        ServiceCatalog three = standard.scaled(ScaleSpec.parse("datanode=3,kafka=3,spark-worker=2"));
        // no data yet: anything goes
        assertEquals(List.of(), ScaleChange.refusals(layout, standard, three, List.of()));
        Files.createDirectories(layout.dataDir(standard.get("kafka")));
        Files.createDirectories(layout.dataDir(standard.get("datanode")));
        List<String> growing = ScaleChange.refusals(layout, standard, three, List.of());
        assertEquals(1, growing.size(), growing.toString());
        assertTrue(growing.get(0).startsWith("kafka: its 1 node(s) are the voters of a log formatted for them"));
        List<String> shrinking = ScaleChange.refusals(layout, three,
                standard.scaled(ScaleSpec.parse("datanode=1,kafka=3")), List.of());
        assertEquals(1, shrinking.size(), shrinking.toString());
        assertTrue(shrinking.get(0).startsWith("datanode: going from 3 to 1 drops datanode-2, datanode-3 and the "
                + "HDFS blocks there"), shrinking.get(0));
        assertEquals(List.of(), ScaleChange.refusals(layout, three,
                standard.scaled(ScaleSpec.parse("datanode=3,kafka=3")), List.of()), "fewer Spark workers keep no data");
    }
}
