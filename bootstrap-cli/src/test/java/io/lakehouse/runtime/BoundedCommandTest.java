package io.lakehouse.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundedCommandTest {
    @Test
    void aChildThatKeepsTheOutputOpenDoesNotHoldTheCaller() throws Exception {
        // the program ends at once, leaving a child with its stdout for 30 s: a read of a pipe would wait for it
        long began = System.nanoTime();
        BoundedCommand.Result result = BoundedCommand.run(Duration.ofSeconds(20),
                List.of("sh", "-c", "sleep 30 & echo done"));
        assertTrue(result.ok(), result.toString());
        assertEquals("done", result.output().strip());
        assertTrue(System.nanoTime() - began < Duration.ofSeconds(10).toNanos(), "returned when the program ended");
    }

    @Test
    void atTheTimeoutTheProgramAndItsChildrenAreKilled() throws Exception {
        long began = System.nanoTime();
        BoundedCommand.Result result = BoundedCommand.run(Duration.ofSeconds(2),
                List.of("sh", "-c", "sleep 300 & echo $! ; echo started; wait"));
        assertTrue(result.timedOut(), result.toString());
        assertFalse(result.ok());
        assertTrue(System.nanoTime() - began < Duration.ofSeconds(15).toNanos(), "returned at the timeout");
        long child = Long.parseLong(result.output().lines().findFirst().orElseThrow().strip());
        assertTrue(result.tail(1).contains("started"), result.output());
        // killed with the program: gone once its new parent has reaped it
        ProcessHandle.of(child).ifPresent(handle -> handle.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join());
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the child " + child + " is gone");
    }

    @Test
    void aWatchThatGivesAReasonEndsTheProgramBeforeItsTimeout(@TempDir Path dir) throws Exception {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger reasonAt = new java.util.concurrent.atomic.AtomicInteger();
        // the reason comes from the third question on, but only once the program has printed its pid (the marker
        // is written after it): on a loaded machine the shell may not have run at all by the third question
        Path printed = dir.resolve("printed");
        long began = System.nanoTime();
        BoundedCommand.Result result = BoundedCommand.run(new ProcessBuilder("sh", "-c",
                        "echo $$; : > '" + printed + "'; exec sleep 300"),
                Duration.ofSeconds(120), new BoundedCommand.Watch(Duration.ofMillis(300), () -> {
                    int question = asked.incrementAndGet();
                    if (question < 3 || !Files.exists(printed)) {
                        return java.util.Optional.empty();
                    }
                    reasonAt.compareAndSet(0, question);
                    return java.util.Optional.of("the engine does not answer");
                }));
        assertEquals(java.util.Optional.of("the engine does not answer"), result.abandoned(), result.toString());
        assertFalse(result.ok());
        assertFalse(result.timedOut(), "abandoned, not timed out");
        assertTrue(reasonAt.get() >= 3, "asked while it ran: " + reasonAt.get());
        assertEquals(reasonAt.get(), asked.get(), "asked until the reason came, not after");
        assertTrue(System.nanoTime() - began < Duration.ofSeconds(15).toNanos(), "ended at the reason, not the timeout");
        long pid = Long.parseLong(result.output().lines().findFirst().orElseThrow().strip());
        ProcessHandle.of(pid).ifPresent(handle -> handle.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the program " + pid + " is gone");
    }

    @Test
    void aWatchThatFindsNothingLetsTheProgramFinish() throws Exception {
        BoundedCommand.Result result = BoundedCommand.run(new ProcessBuilder("sh", "-c", "sleep 1; echo done"),
                Duration.ofSeconds(20), new BoundedCommand.Watch(Duration.ofMillis(200), java.util.Optional::empty));
        assertTrue(result.ok(), result.toString());
        assertEquals("done", result.output().strip());
    }

    @Test
    void theExitCodeAndBothStreamsAreKept() throws Exception {
        BoundedCommand.Result result = BoundedCommand.run(Duration.ofSeconds(20),
                List.of("sh", "-c", "echo out; echo err >&2; exit 3"));
        assertEquals(3, result.exit());
        assertFalse(result.timedOut());
        assertEquals(List.of("out", "err"), result.output().lines().toList());
    }

    @Test
    void linesComeAsTheyArePrintedAndTheTimeoutHoldsWhileStreaming() throws Exception {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        BoundedCommand.Result done = BoundedCommand.run(new ProcessBuilder("sh", "-c", "echo one; sleep 30 & echo two"),
                Duration.ofSeconds(20), seen::add);
        assertTrue(done.ok(), done.toString());
        assertEquals(List.of("one", "two"), seen);

        long began = System.nanoTime();
        BoundedCommand.Result hung = BoundedCommand.run(new ProcessBuilder("sh", "-c", "echo started; sleep 300"),
                Duration.ofSeconds(2), line -> { });
        assertTrue(hung.timedOut(), hung.toString());
        assertEquals("started", hung.output());
        assertTrue(System.nanoTime() - began < Duration.ofSeconds(15).toNanos(), "returned at the timeout");
    }
}
