package io.lakehouse.runtime;

import io.lakehouse.stack.ProbeResult;
import io.lakehouse.stack.ProbeTarget;
import io.lakehouse.stack.ServiceDefinition;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Waits for a service's health probe to pass, under its start timeout. Between probes it asks whether the process
 * or container is still there, so a service that dies is reported at once with its exit, not after the timeout.
 */
public final class HealthWaiter {
    private HealthWaiter() {
    }

    /**
     * @param exited says why the service is gone (exit code), or empty while it runs
     */
    public static ProbeResult await(ServiceDefinition service, ProbeTarget target, Supplier<Optional<String>> exited,
                                    LogSource log, StackListener listener) throws ServiceStartException {
        RetryPolicy policy = RetryPolicy.health(service.startTimeout());
        long deadline = System.nanoTime() + policy.timeout().toNanos();
        long started = System.nanoTime();
        ProbeResult last = ProbeResult.unhealthy("not probed yet");
        while (true) {
            Optional<String> gone = exited.get();
            if (gone.isPresent()) {
                throw new ServiceStartException(ServiceFailure.withLog(service.name(), gone.get()
                        + " while waiting for " + service.health().describe(), log));
            }
            last = service.health().probe(target);
            if (last.healthy()) {
                return last;
            }
            if (System.nanoTime() > deadline) {
                throw new ServiceStartException(ServiceFailure.withLog(service.name(),
                        "not healthy after " + policy.timeout().toSeconds() + " s: " + service.health().describe()
                                + " said: " + last.detail(), log));
            }
            long waited = (System.nanoTime() - started) / 1_000_000_000L;
            listener.on(new StackEvent(service.name(), StackEvent.Phase.WAITING_FOR_HEALTH,
                    waited + "s, " + last.detail()));
            try {
                Thread.sleep(policy.interval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceStartException(new ServiceFailure(service.name(), "interrupted while waiting",
                        Optional.empty(), Optional.of(log.location()), java.util.List.of()));
            }
        }
    }
}
