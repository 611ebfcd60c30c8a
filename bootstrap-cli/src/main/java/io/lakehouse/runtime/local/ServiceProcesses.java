package io.lakehouse.runtime.local;

import io.lakehouse.runtime.process.ProcessLauncher;

import io.lakehouse.wait.RetryPolicy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    /**
     * What {@link #stop} had to do: whether everything ended within the grace, and if not, which processes were
     * still running when it ran out (the ones that held the stop up, named so the cause can be found).
     */
    record StopOutcome(boolean graceful, List<String> holdouts) {
        /** How many of the processes that held on are named, each by its pid and the start of its command line. */
        static final int NAMED = 3;
        private static final int COMMAND_CHARS = 90;

        static StopOutcome ended() {
            return new StopOutcome(true, List.of());
        }

        static StopOutcome killed(List<ProcessHandle> alive) {
            return new StopOutcome(false, alive.stream().map(StopOutcome::named).toList());
        }

        String describe(RetryPolicy policy) {
            if (graceful) {
                return "stopped";
            }
            String named = holdouts.isEmpty() ? "" : "; still running then: "
                    + String.join(", ", holdouts.subList(0, Math.min(NAMED, holdouts.size())))
                    + (holdouts.size() > NAMED ? " and " + (holdouts.size() - NAMED) + " more" : "");
            return "killed after " + policy.timeout().toSeconds() + " s grace" + named;
        }

        /** The pid and the command line, each path in it by its file name only ({@code python lakehouse_standalone.py}). */
        private static String named(ProcessHandle process) {
            String command = process.info().commandLine().orElse(process.info().command().orElse("?"));
            String shortened = java.util.Arrays.stream(command.split(" "))
                    .map(word -> word.startsWith("/") && word.length() > 1 && !word.endsWith("/")
                            ? word.substring(word.lastIndexOf('/') + 1) : word)
                    .collect(java.util.stream.Collectors.joining(" "));
            return "pid " + process.pid() + " (" + (shortened.length() > COMMAND_CHARS
                    ? shortened.substring(0, COMMAND_CHARS) + "…" : shortened) + ")";
        }
    }

    /** The part of the grace kept for the rest of the service once its own process ended or held on too long. */
    static final Duration LAST_PART = Duration.ofSeconds(5);

    /**
     * SIGTERM to the service process, then to everything it started that is still running, then SIGKILL to
     * whatever is left after the grace period. "Everything it started" is its process tree plus the members of the
     * session {@link ProcessLauncher#spawn} gave it: a supervisor such as {@code airflow standalone} may exit on
     * SIGTERM without stopping its children, which are then re-parented to init and no longer in the tree, but still
     * in the session. Children that made a session of their own (a task's shell) are found as descendants of the
     * survivors.
     *
     * <p>The service's own process is asked first, alone, and gets the grace but its {@link #LAST_PART}: a supervisor
     * stops what it started in its own order (Airflow's API server must outlive the tasks that report their end to
     * it; signalled all at once, a task's supervisor retried its report to a stopped API server until it was
     * killed). Once it ended, or when only the last part is left, the rest of the service gets SIGTERM.
     */
    static StopOutcome stop(ProcessHandle process, RetryPolicy grace) {
        Set<ProcessHandle> members = new LinkedHashSet<>(members(process, Set.of()));
        long deadline = System.nanoTime() + grace.timeout().toNanos();
        process.destroy();
        Duration first = grace.timeout().minus(LAST_PART).isNegative() ? Duration.ZERO : grace.timeout().minus(LAST_PART);
        new RetryPolicy(grace.name(), grace.interval(), first).await(() -> {
            members.addAll(members(process, members)); // forked during its shutdown
            return !process.isAlive();
        });
        members.addAll(members(process, members));
        members.forEach(ProcessHandle::destroy);
        // the service is stopped gracefully only when all of it ended within the grace: a supervisor that exits at
        // once while what it started holds on until the grace runs out was killed, and says so
        Duration rest = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        boolean ended = new RetryPolicy(grace.name(), grace.interval(), rest).await(() -> {
            members.addAll(members(process, members)); // forked during shutdown
            return !process.isAlive() && members.stream().noneMatch(ProcessHandle::isAlive);
        });
        StopOutcome outcome = ended ? StopOutcome.ended() : StopOutcome.killed(
                Stream.concat(Stream.of(process), members.stream()).filter(ProcessHandle::isAlive).toList());
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
