package io.lakehouse.chaos;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The full-disk fault's small filesystem, for real (a tmpfs; skipped where this process may not mount one). */
class SmallDiskTest {
    @Test
    void aFilledDiskRefusesWritesAndItsContentsComeBackOntoTheMachinesDisk(@TempDir Path temp) throws Exception {
        assumeTrue(SmallDisk.unavailable().isEmpty(), () -> SmallDisk.unavailable().orElse(""));
        Path dir = temp.resolve("kafka");
        Files.createDirectories(dir.resolve("kafka-logs/orders-0"));
        Files.writeString(dir.resolve("kafka-logs/orders-0/00000000000000000000.log"), "segment bytes");
        String machineFs = Files.getFileStore(temp).name();

        SmallDisk disk = SmallDisk.mount(dir);
        try {
            assertEquals("tmpfs", Files.getFileStore(dir).type(), "the directory is on its own filesystem");
            assertEquals("segment bytes", Files.readString(dir.resolve("kafka-logs/orders-0/00000000000000000000.log")));
            Files.writeString(dir.resolve("kafka-logs/orders-0/00000000000000000000.log"), "written while mounted");
            long filled = disk.fill();
            assertTrue(filled >= SmallDisk.HEADROOM - (2L << 20), "filled " + filled);
            assertThrows(java.io.IOException.class, () -> Files.write(dir.resolve("kafka-logs/more.log"),
                    new byte[1 << 20]), "a full disk takes no more");
        } finally {
            disk.restore();
        }
        assertFalse(disk.mounted());
        assertEquals(machineFs, Files.getFileStore(dir).name(), "back on the machine's disk");
        assertEquals("written while mounted",
                Files.readString(dir.resolve("kafka-logs/orders-0/00000000000000000000.log")));
        assertFalse(Files.exists(dir.resolve("chaos-full-disk.filler")), "the filler is gone");
        assertFalse(Files.exists(temp.resolve("kafka.chaos-kept")), "the kept copy is gone");
    }
}
