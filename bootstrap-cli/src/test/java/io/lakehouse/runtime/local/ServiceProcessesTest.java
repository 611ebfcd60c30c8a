package io.lakehouse.runtime.local;

import io.lakehouse.runtime.process.ProcessLauncher;
import io.lakehouse.runtime.process.ResolvedCommand;

import io.lakehouse.wait.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stopping a service stops everything it started, including what a supervisor leaves behind when it exits on
 * SIGTERM (as {@code airflow standalone} does): children that ignore SIGTERM, and a child already re-parented to
 * init (a double fork), which is only found through the session.
 */
class ServiceProcessesTest {
    @TempDir
    Path dir;

    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void aServiceWhoseProcessesAllEndOnSigtermStopsGracefully() throws Exception {
        Path pids = dir.resolve("pids");
        String script = """
                (sleep 300 & echo $! >> %1$s; wait) &
                trap 'kill $(cat %1$s); exit 0' TERM
                while true; do sleep 1; done
                """.formatted(pids);
        Process supervisor = ProcessLauncher.spawn(new ResolvedCommand(List.of("bash", "-c", script), null), Map.of(),
                dir, Optional.of(dir.resolve("log")), true);
        started.add(supervisor.toHandle());
        started.addAll(awaitPids(pids, 1));

        ServiceProcesses.StopOutcome outcome = ServiceProcesses.stop(supervisor.toHandle(),
                new RetryPolicy("test stop", Duration.ofMillis(100), Duration.ofSeconds(3)));

        assertEquals(ServiceProcesses.StopOutcome.GRACEFUL, outcome, "everything ended on TERM within the grace");
    }

    @Test
    void aSupervisorThatExitsOnSigtermLeavesNothingBehind() throws Exception {
        Path pids = dir.resolve("pids");
        // the parent exits on TERM; one child ignores TERM; one grandchild is re-parented to init at once
        String script = """
                (trap '' TERM; exec sleep 300) & echo $! >> %1$s
                (sleep 300 & echo $! >> %1$s) &
                trap 'exit 0' TERM
                while true; do sleep 1; done
                """.formatted(pids);
        Process supervisor = ProcessLauncher.spawn(new ResolvedCommand(List.of("bash", "-c", script), null), Map.of(),
                dir, Optional.of(dir.resolve("log")), true);
        started.add(supervisor.toHandle());
        List<ProcessHandle> children = awaitPids(pids, 2);
        started.addAll(children);
        assertEquals(Optional.of(supervisor.pid()), ServiceProcesses.sessionOf(supervisor.pid()),
                "spawned detached, the service leads a session of its own");
        Set<ProcessHandle> members = ServiceProcesses.members(supervisor.toHandle(), Set.of());
        assertTrue(members.containsAll(children), "members " + members + " hold " + children);

        ServiceProcesses.StopOutcome outcome = ServiceProcesses.stop(supervisor.toHandle(),
                new RetryPolicy("test stop", Duration.ofMillis(100), Duration.ofSeconds(3)));

        // the supervisor itself exits on TERM, but its child that ignores TERM outlives the grace: killed, and said
        assertEquals(ServiceProcesses.StopOutcome.KILLED, outcome, "a child outlived the grace");
        assertTrue(!supervisor.isAlive(), "the supervisor is gone");
        for (ProcessHandle child : children) {
            assertTrue(!child.isAlive(), "pid " + child.pid() + " of the service is gone");
        }
    }

    private static List<ProcessHandle> awaitPids(Path file, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
                if (lines.size() >= count) {
                    return lines.stream().map(l -> ProcessHandle.of(Long.parseLong(l.trim())).orElseThrow()).toList();
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the test processes did not start: " + file);
    }
}
