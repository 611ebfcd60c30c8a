package io.lakehouse.bench;

import io.lakehouse.runtime.RuntimeKind;
import io.lakehouse.runtime.ServiceState;
import io.lakehouse.runtime.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestBenchmarkTest {
    private static ServiceStatus running(String name, Optional<Long> pid) {
        return new ServiceStatus(name, "1", RuntimeKind.LOCAL, ServiceState.HEALTHY, pid, Optional.empty(), Map.of(),
                "log", "", Optional.empty(), Optional.empty());
    }

    @Test
    void aRealBusyProcessIsCountedAndAnIdleOneIsNot() throws Exception {
        Process busy = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        Process idle = new ProcessBuilder("sleep", "30").start();
        try {
            List<String> progress = new ArrayList<>();
            // what the spinning shell really got is up to the scheduler (on a loaded machine much less than a core):
            // the system's own count over a window that holds the benchmark's is the measure, not a fixed share
            long wallBefore = System.nanoTime();
            double cpuBefore = cpuSeconds(busy);
            RestBenchmark.Result result = new RestBenchmark(new ProcessTreeCpu(), progress::add).run(List.of(
                    running("busy", Optional.of(busy.pid())), running("idle", Optional.of(idle.pid())),
                    running("gone", Optional.of(Long.MAX_VALUE))), Duration.ofSeconds(2));
            double counted = cpuSeconds(busy) - cpuBefore;
            double wall = (System.nanoTime() - wallBefore) / 1e9;
            assertEquals(List.of("busy", "idle"), result.services().stream().map(RestBenchmark.ServiceCpu::service)
                    .toList(), result.toString());
            RestBenchmark.ServiceCpu busyCpu = result.services().get(0);
            // its figure is the system's count for the benchmark's window: at most the whole count, and short of it
            // by no more than one core over the time outside that window (the window's length is rounded to
            // 0.1 s; each count moves in clock ticks, each figure is rounded to 0.01)
            double outside = Math.max(0, wall - result.seconds()) + 0.05;
            String measured = "counted by the system: " + counted + " s in " + wall + " s; " + result;
            assertTrue(busyCpu.cpuSeconds() <= counted + 0.03, measured);
            assertTrue(busyCpu.cpuSeconds() >= counted - outside - 0.03, measured);
            assertTrue(busyCpu.shareOfOneCore() <= 1.05, result.toString());
            assertTrue(result.services().get(1).cpuSeconds() < 0.05, result.toString());
            assertEquals(List.of("gone"), result.notMeasured());
            assertTrue(result.seconds() >= 2 && result.seconds() < 4, result.toString());
            assertTrue(!progress.isEmpty() && progress.get(0).startsWith("measuring 2 service(s) at rest"),
                    progress.toString());
        } finally {
            busy.destroyForcibly().waitFor();
            idle.destroyForcibly().waitFor();
        }
    }

    /** The process's CPU time so far, as the system counts it. */
    private static double cpuSeconds(Process process) {
        return process.toHandle().info().totalCpuDuration().orElseThrow().toNanos() / 1e9;
    }

    @Test
    void theMachinesBusyShareLeavesOutIdleAndIowait() {
        long[] before = {100, 0, 50, 800, 50, 0, 0, 0};
        long[] after = {200, 0, 100, 1000, 100, 0, 0, 0};
        // 150 busy ticks (user 100, system 50) of 400
        assertEquals(0.375, RestBenchmark.busyShare(before, after), 1e-9);
        assertEquals(0.0, RestBenchmark.busyShare(before, before));
    }

    @Test
    void withoutProcStatTheServicesStandAlone(@TempDir Path dir) throws Exception {
        Process idle = new ProcessBuilder("sleep", "30").start();
        try {
            RestBenchmark.Result result = new RestBenchmark(new ProcessTreeCpu(), line -> { }, dir.resolve("none"))
                    .run(List.of(running("idle", Optional.of(idle.pid()))), Duration.ofSeconds(1));
            assertNull(result.machineBusyShare());
            assertEquals(1, result.services().size());
            Files.writeString(dir.resolve("stat"), "cpu  1 2 3 4 5 6 7 8 0 0\n");
            assertEquals(0.0, new RestBenchmark(new ProcessTreeCpu(), line -> { }, dir.resolve("stat"))
                    .run(List.of(running("idle", Optional.of(idle.pid()))), Duration.ofSeconds(1))
                    .machineBusyShare());
        } finally {
            idle.destroyForcibly().waitFor();
        }
    }
}
