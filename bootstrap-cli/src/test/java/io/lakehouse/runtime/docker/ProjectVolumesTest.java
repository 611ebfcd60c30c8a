package io.lakehouse.runtime.docker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which of a compose project's volumes a state directory may take as its own (no engine needed). */
class ProjectVolumesTest {
    private static final Map<String, String> PRESENT = Map.of(
            "lakehouse_mysql-data", "2026-12-05T10:00:00Z", "lakehouse_kafka-data", "2026-12-05T10:00:01Z");

    @Test
    void noVolumesAreNobodysProblem(@TempDir Path state) {
        assertEquals(Optional.empty(), new ProjectVolumes("lakehouse", state, null).foreign(Map.of(), false));
    }

    @Test
    void volumesBesideAStateDirectoryWithoutSecretsAreAnotherStacks(@TempDir Path state) {
        Optional<String> problem = new ProjectVolumes("lakehouse", state, null).foreign(PRESENT, false);
        assertTrue(problem.isPresent());
        assertTrue(problem.get().contains("the compose project 'lakehouse' has 2 volume(s) this state directory did "
                + "not make"), problem.get());
        assertTrue(problem.get().contains("lakehouse_mysql-data (created 2026-12-05T10:00:00Z)"), problem.get());
        assertTrue(problem.get().contains("down --purge --runtime docker"), problem.get());
        assertTrue(!Files.exists(state.resolve(ProjectVolumes.FILE)), "a refusal writes nothing");
    }

    @Test
    void recordedVolumesAreOursUntilOneIsMadeAgainElsewhere(@TempDir Path state) throws Exception {
        ProjectVolumes volumes = new ProjectVolumes("lakehouse", state, null);
        // secrets but no record: a directory older than the record takes them
        assertEquals(Optional.empty(), volumes.foreign(PRESENT, true));
        volumes.recordAsOurs(PRESENT);
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(state.resolve(ProjectVolumes.FILE))));
        assertEquals(Optional.empty(), volumes.foreign(PRESENT, true));
        // a volume the record does not know yet (made by a partial up of ours) is taken too
        Map<String, String> more = new java.util.TreeMap<>(PRESENT);
        more.put("lakehouse_trino-data", "2026-12-05T11:00:00Z");
        assertEquals(Optional.empty(), volumes.foreign(more, true));
        // removed and made again by another directory's up: another creation time
        Map<String, String> again = new java.util.TreeMap<>(PRESENT);
        again.put("lakehouse_mysql-data", "2026-12-05T12:00:00Z");
        Optional<String> problem = volumes.foreign(again, true);
        assertTrue(problem.isPresent() && problem.get().contains("1 volume(s)")
                && problem.get().contains("lakehouse_mysql-data (created 2026-12-05T12:00:00Z)"), problem.toString());
    }

    /**
     * The engine moves a local volume's creation time when a container first mounts it (seen on Docker 26: a volume
     * made by 'up --no-start' at :25 read :28 once a container mounted it at :28). An up that is cut short after
     * creating the container, before its record, must not refuse its own volume at the next up (CI, 2026-12-06).
     */
    @Test
    void aVolumeForgottenBeforeItsFirstMountIsStillOursWhenItsTimeMoves(@TempDir Path state) {
        ProjectVolumes volumes = new ProjectVolumes("lakehouse", state, null);
        volumes.recordAsOurs(PRESENT);
        volumes.forget(java.util.List.of("lakehouse_mysql-data", "lakehouse_spark-worker-data"));
        Map<String, String> mounted = new java.util.TreeMap<>(PRESENT);
        mounted.put("lakehouse_mysql-data", "2026-12-05T10:00:07Z");
        assertEquals(Optional.empty(), volumes.foreign(mounted, true));
        // the volumes not forgotten keep their protection
        Map<String, String> madeElsewhere = new java.util.TreeMap<>(mounted);
        madeElsewhere.put("lakehouse_kafka-data", "2026-12-05T12:00:00Z");
        Optional<String> problem = volumes.foreign(madeElsewhere, true);
        assertTrue(problem.isPresent() && problem.get().contains("1 volume(s)")
                && problem.get().contains("lakehouse_kafka-data"), problem.toString());
        // recorded again after the mount: the moved time is the one kept
        volumes.recordAsOurs(mounted);
        assertEquals(Optional.empty(), volumes.foreign(mounted, true));
    }
}
