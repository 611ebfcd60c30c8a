package io.lakehouse.chaos;

import io.lakehouse.runtime.RuntimeKind;
import io.lakehouse.runtime.ServiceStatus;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Injects a fault into a running service the way the machine would: signals to the service's process on the local
 * runtime ({@code kill -KILL}, {@code kill -STOP} then {@code -CONT}), {@code docker kill} and {@code docker pause}
 * then {@code unpause} under compose.
 */
final class FaultInjector {
    private final RuntimeKind runtime;

    FaultInjector(RuntimeKind runtime) {
        this.runtime = runtime;
    }

    /** Kills or stops the service; returns what it did, in words. */
    String inject(Fault fault, ServiceStatus status) throws IOException, InterruptedException {
        String target = target(fault, status);
        return switch (fault.kind()) {
            case KILL -> run(runtime == RuntimeKind.LOCAL ? List.of("kill", "-KILL", target)
                    : List.of("docker", "kill", "--signal", "KILL", target), "SIGKILL to " + describe(target));
            case STOP -> run(runtime == RuntimeKind.LOCAL ? List.of("kill", "-STOP", target)
                    : List.of("docker", "pause", target), "SIGSTOP to " + describe(target));
        };
    }

    /** Lets a stopped service go on (after {@link Fault#STOP_FOR}). */
    void resume(Fault fault, ServiceStatus status) throws IOException, InterruptedException {
        String target = target(fault, status);
        run(runtime == RuntimeKind.LOCAL ? List.of("kill", "-CONT", target) : List.of("docker", "unpause", target),
                "SIGCONT to " + describe(target));
    }

    private String target(Fault fault, ServiceStatus status) {
        if (runtime == RuntimeKind.LOCAL) {
            return String.valueOf(status.pid().orElseThrow(() -> new IllegalStateException(
                    fault.service() + " has no process to " + fault.kind().label() + " (" + status.state().label()
                            + "): start it with 'lakehouse up'")));
        }
        return status.container().orElseThrow(() -> new IllegalStateException(
                fault.service() + " has no container to " + fault.kind().label() + ": start it with 'lakehouse up'"));
    }

    private String describe(String target) {
        return runtime == RuntimeKind.LOCAL ? "pid " + target : "container " + target;
    }

    private static String run(List<String> command, String what) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes()).trim();
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return what;
    }
}
