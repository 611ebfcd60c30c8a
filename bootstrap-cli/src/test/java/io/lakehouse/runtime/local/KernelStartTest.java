package io.lakehouse.runtime.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelStartTest {
    @TempDir
    Path proc;

    @Test
    void theStartTicksAreFoundAfterACommandNameHoldingSpacesAndParentheses() throws IOException {
        fakeProc(4242, "4242 (java (x) y) S 1 4242 4242 0 -1 4194304 121 0 0 0 0 0 0 0 20 0 1 0 3802172 3133440 359");
        assertEquals(Optional.of(new KernelStart("boot-1", 3802172)), KernelStart.of(proc, 4242));
    }

    @Test
    void aGoneProcessOrACutLineHasNoStart() throws IOException {
        fakeProc(7, "7 (sh) S 1 7");
        assertTrue(KernelStart.of(proc, 7).isEmpty());
        assertTrue(KernelStart.of(proc, 8).isEmpty());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void thisProcessHasOneStartAndAChildItsOwn() throws Exception {
        KernelStart self = KernelStart.of(ProcessHandle.current().pid()).orElseThrow();
        assertEquals(self, KernelStart.of(ProcessHandle.current().pid()).orElseThrow());
        assertEquals(Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).strip(), self.bootId());

        Thread.sleep(50); // more than one clock tick (10 ms) after this JVM's start
        // 'cat' on the pipe this JVM holds open: it runs until destroyed, however long this takes (a 'sleep 5' could
        // end, and be reaped, before its /proc entry was read on a stalled machine)
        Process child = new ProcessBuilder("cat").start();
        try {
            KernelStart started = KernelStart.of(child.pid()).orElseThrow();
            assertEquals(self.bootId(), started.bootId());
            assertNotEquals(self.ticks(), started.ticks());
        } finally {
            child.destroy();
            child.waitFor();
        }
    }

    private void fakeProc(long pid, String stat) throws IOException {
        Files.createDirectories(proc.resolve("sys/kernel/random"));
        Files.writeString(proc.resolve("sys/kernel/random/boot_id"), "boot-1\n");
        Files.createDirectories(proc.resolve(Long.toString(pid)));
        Files.writeString(proc.resolve(Long.toString(pid)).resolve("stat"), stat + "\n");
    }
}
