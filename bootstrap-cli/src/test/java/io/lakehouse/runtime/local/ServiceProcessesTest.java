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

        assertTrue(outcome.graceful(), "everything ended on TERM within the grace: " + outcome);
    }

    /**
     * Airflow's case: a worker that, stopping, still needs a sibling (a task reporting its end to the API server).
     * The supervisor stops the worker, waits for it, then the sibling; signalled all at once, the sibling was gone
     * before the worker needed it, and the worker held on until it was killed.
     */
    @Test
    void theServiceProcessIsAskedFirstSoASupervisorStopsItsChildrenInItsOwnOrder() throws Exception {
        Path pids = dir.resolve("pids");
        Path trapped = dir.resolve("trapped");
        Path apiGone = dir.resolve("api-gone");
        // every shell says so only once its trap is set: a TERM that came first would end it by default (the
        // supervisor gone at once, and its children then signalled all together by the stop), not by its trap
        String script = """
                (trap 'touch %2$s; exit 0' TERM; echo api >> %3$s; while true; do sleep 0.1; done) & api=$!
                (trap 'sleep 0.5; if [ -e %2$s ]; then sleep 300; fi; exit 0' TERM; echo worker >> %3$s; while true; do sleep 0.1; done) & worker=$!
                trap "kill $worker; wait $worker; kill $api; wait $api; exit 0" TERM
                echo $api >> %1$s; echo $worker >> %1$s
                while true; do sleep 0.1; done
                """.formatted(pids, apiGone, trapped);
        Process supervisor = ProcessLauncher.spawn(new ResolvedCommand(List.of("bash", "-c", script), null), Map.of(),
                dir, Optional.of(dir.resolve("log")), true);
        started.add(supervisor.toHandle());
        started.addAll(awaitPids(pids, 2));   // written once the supervisor's trap is set
        awaitLines(trapped, 2);                // the API's and the worker's traps are set

        ServiceProcesses.StopOutcome outcome = ServiceProcesses.stop(supervisor.toHandle(),
                new RetryPolicy("test stop", Duration.ofMillis(100), Duration.ofSeconds(10)));

        assertTrue(outcome.graceful(), "the supervisor stopped its worker, then the API: " + outcome);
        assertTrue(Files.exists(apiGone), "the API was stopped, by the supervisor");
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
        // the first child is ignoring TERM only once its shell ran the trap, which it has when it became 'sleep 300'
        // (an ignored signal stays ignored across exec); a TERM before that would end it, and nothing would hold on
        awaitCondition(() -> children.get(0).info().commandLine().orElse("").endsWith("sleep 300"),
                "pid " + children.get(0).pid() + " to become 'sleep 300'");
        assertEquals(Optional.of(supervisor.pid()), ServiceProcesses.sessionOf(supervisor.pid()),
                "spawned detached, the service leads a session of its own");
        Set<ProcessHandle> members = ServiceProcesses.members(supervisor.toHandle(), Set.of());
        assertTrue(members.containsAll(children), "members " + members + " hold " + children);

        ServiceProcesses.StopOutcome outcome = ServiceProcesses.stop(supervisor.toHandle(),
                new RetryPolicy("test stop", Duration.ofMillis(100), Duration.ofSeconds(3)));

        // the supervisor itself exits on TERM, but its child that ignores TERM outlives the grace: killed, and said
        assertTrue(!outcome.graceful(), "a child outlived the grace: " + outcome);
        // the one that held on is named: the child that ignores TERM (its command line, 'sleep 300')
        assertEquals(1, outcome.holdouts().size(), outcome.toString());
        assertTrue(outcome.holdouts().get(0).startsWith("pid " + children.get(0).pid() + " (")
                && outcome.holdouts().get(0).endsWith("sleep 300)"), outcome.toString());
        assertTrue(outcome.describe(new RetryPolicy("test stop", Duration.ofMillis(100), Duration.ofSeconds(3)))
                .startsWith("killed after 3 s grace; still running then: pid " + children.get(0).pid()), outcome.toString());
        assertTrue(!supervisor.isAlive(), "the supervisor is gone");
        for (ProcessHandle child : children) {
            assertTrue(!child.isAlive(), "pid " + child.pid() + " of the service is gone");
        }
    }

    private static List<ProcessHandle> awaitPids(Path file, int count) throws Exception {
        return awaitLines(file, count).stream().map(l -> ProcessHandle.of(Long.parseLong(l.trim())).orElseThrow())
                .toList();
    }

    /** The file's first {@code count} non-blank lines, once it has them. */
    private static List<String> awaitLines(Path file, int count) throws Exception {
        List<List<String>> found = new ArrayList<>();
        awaitCondition(() -> {
            try {
                List<String> lines = Files.exists(file)
                        ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList() : List.of();
                if (lines.size() >= count) {
                    found.add(lines.subList(0, count));
                    return true;
                }
                return false;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, count + " line(s) in " + file);
        return found.get(0);
    }

    /** Waits for what the test processes do before the test goes on (bounded only so a broken script fails). */
    private static void awaitCondition(java.util.function.BooleanSupplier condition, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the test processes did not get there: " + what);
            }
            Thread.sleep(20);
        }
    }
}
