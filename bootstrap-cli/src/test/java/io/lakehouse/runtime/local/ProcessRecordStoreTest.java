package io.lakehouse.runtime.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcessRecordStoreTest {
    private static final ProcessHandle SELF = ProcessHandle.current();

    @Test
    @EnabledOnOs(OS.LINUX)
    void aLiveProcessStaysOursWhenTheWallClockWasSteppedSinceItsRecord() {
        // what a clock step between 'up' and 'seed' looks like: the wall-clock start read now is seconds off
        long steppedStart = ProcessRecordStore.startTime(SELF).orElseThrow() - 5_000;
        ProcessRecord record = record(steppedStart, KernelStart.of(SELF.pid()).orElseThrow());
        assertEquals(SELF.pid(), ProcessRecordStore.live(record).orElseThrow().pid());
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aPidWhoseKernelStartDiffersIsAnotherProgramEvenAtTheSameWallClockStart() {
        KernelStart own = KernelStart.of(SELF.pid()).orElseThrow();
        long start = ProcessRecordStore.startTime(SELF).orElseThrow();
        assertTrue(ProcessRecordStore.live(record(start, new KernelStart(own.bootId(), own.ticks() - 1))).isEmpty());
        assertTrue(ProcessRecordStore.live(record(start, new KernelStart("another-boot", own.ticks()))).isEmpty());
    }

    @Test
    void aRecordWithoutAKernelStartIsMatchedOnTheWallClockWithinASecond() {
        long start = ProcessRecordStore.startTime(SELF).orElseThrow();
        assertTrue(ProcessRecordStore.live(record(start + 400, null)).isPresent());
        assertTrue(ProcessRecordStore.live(record(start - 60_000, null)).isEmpty());
    }

    private static ProcessRecord record(long startEpochMs, KernelStart kernelStart) {
        return new ProcessRecord("web", SELF.pid(), startEpochMs, kernelStart, "java", Map.of(), "log",
                System.currentTimeMillis());
    }
}
