package io.lakehouse.runtime.local;

import io.lakehouse.runtime.process.ProcessLauncher;

import io.lakehouse.wait.RetryPolicy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Stopping the OS processes of the local runtime's services, with everything they started (their session; they
 * were started by {@link ProcessLauncher}).
 */
final class ServiceProcesses {
    private ServiceProcesses() {
    }

    /** What {@link #stop} had to do. */
    enum StopOutcome {
        GRACEFUL, KILLED;

        String describe(RetryPolicy policy) {
            return this == GRACEFUL ? "stopped" : "killed after " + policy.timeout().toSeconds() + " s grace";
        }
    }

    /**
     * SIGTERM to the service process and everything it started, then SIGKILL to whatever is left after the grace
     * period. "Everything it started" is its process tree plus the members of the session {@link ProcessLauncher#spawn} gave it:
     * a supervisor such as {@code airflow standalone} exits on SIGTERM without stopping its children, which are
     * then re-parented to init and no longer in the tree, but still in the session. Children that made a session
     * of their own (a task's shell) are found as descendants of the survivors.
     */
    static StopOutcome stop(ProcessHandle process, RetryPolicy grace) {
        Set<ProcessHandle> members = new LinkedHashSet<>(members(process, Set.of()));
        process.destroy();
        members.forEach(ProcessHandle::destroy);
        // the service is stopped gracefully only when all of it ended within the grace: a supervisor that exits at
        // once while what it started holds on until the grace runs out was killed, and says so
        StopOutcome outcome = grace.await(() -> {
            members.addAll(members(process, members)); // forked during shutdown
            return !process.isAlive() && members.stream().noneMatch(ProcessHandle::isAlive);
        }) ? StopOutcome.GRACEFUL : StopOutcome.KILLED;
        if (process.isAlive()) {
            process.destroyForcibly();
            awaitExit(process);
        }
        // whatever is still alive, and anything it started meanwhile, goes the hard way (a few rounds at most)
        for (int round = 0; round < 3; round++) {
            members.addAll(members(process, members));
            List<ProcessHandle> alive = members.stream().filter(ProcessHandle::isAlive).toList();
            if (alive.isEmpty()) {
                break;
            }
            alive.forEach(ProcessHandle::destroyForcibly);
            alive.forEach(ServiceProcesses::awaitExit);
        }
        return outcome;
    }

    /**
     * The descendants of {@code root} and of each of {@code known}, and the members of {@code root}'s session when
     * it leads one (it was started through setsid), without {@code root} itself.
     */
    static Set<ProcessHandle> members(ProcessHandle root, Set<ProcessHandle> known) {
        Set<ProcessHandle> found = new LinkedHashSet<>();
        root.descendants().forEach(found::add);
        for (ProcessHandle member : known) {
            if (member.isAlive()) {
                member.descendants().forEach(found::add);
            }
        }
        long session = root.pid();
        if (sessionOf(session).orElse(-1L) == session) {
            try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
                all.filter(h -> h.pid() != session && sessionOf(h.pid()).orElse(-1L) == session).forEach(found::add);
            }
        }
        found.remove(root);
        found.remove(ProcessHandle.current());
        return found;
    }

    /** The session id of a process, from /proc (field 6 of stat, after the parenthesised command name). */
    static Optional<Long> sessionOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(Long.parseLong(fields[3]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // gone, or no /proc (not Linux): the process tree alone is used
        }
    }

    private static void awaitExit(ProcessHandle process) {
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException ignored) {
            // reported by the port check that follows
        }
    }
}
