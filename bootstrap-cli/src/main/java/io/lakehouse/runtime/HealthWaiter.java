package io.lakehouse.runtime;

import io.lakehouse.stack.ProbeResult;
import io.lakehouse.stack.ProbeTarget;
import io.lakehouse.stack.ServiceDefinition;
import io.lakehouse.wait.RetryPolicy;

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
        return await(service, target, exited, Optional::empty, log, listener);
    }

    /**
     * The same, for a service whose one-time init steps run in the same wait (a container's entrypoint runs them):
     * while {@code initPhase} names a step, that step's own budget applies, and the start timeout counts only from
     * when no step runs any more. A step that runs out of its budget is reported as that phase.
     *
     * @param initPhase the init step that runs now, or empty
     */
    public static ProbeResult await(ServiceDefinition service, ProbeTarget target, Supplier<Optional<String>> exited,
                                    Supplier<Optional<InitPhase>> initPhase, LogSource log, StackListener listener)
            throws ServiceStartException {
        RetryPolicy policy = RetryPolicy.health(service.startTimeout());
        long started = System.nanoTime();
        long startPhaseBegan = started;
        ProbeResult last = ProbeResult.unhealthy("not probed yet");
        while (true) {
            Optional<String> gone = exited.get();
            if (gone.isPresent()) {
                throw new ServiceStartException(ServiceFailure.withLog(service.name(), gone.get()
                        + " while waiting for " + service.health().describe(), log));
            }
            Optional<InitPhase> init = initPhase.get();
            long now = System.nanoTime();
            long waited = (now - started) / 1_000_000_000L;
            if (init.isPresent()) {
                long epoch = java.time.Instant.now().getEpochSecond();
                if (init.get().ranOut(epoch)) {
                    throw new ServiceStartException(ServiceFailure.withLog(service.name(), init.get().describe(epoch)
                            + ": ran out of its budget, the service never started; the step runs again on the next "
                            + "'up'", log));
                }
                startPhaseBegan = now; // the start timeout counts from the end of init
                listener.on(new StackEvent(service.name(), StackEvent.Phase.INITIALISING,
                        waited + "s, " + init.get().describe(epoch)));
            } else {
                last = service.health().probe(target);
                if (last.healthy()) {
                    return last;
                }
                if (now - startPhaseBegan > policy.timeout().toNanos()) {
                    throw new ServiceStartException(ServiceFailure.withLog(service.name(),
                            "phase start: not healthy " + policy.timeout().toSeconds() + " s after "
                                    + (startPhaseBegan == started ? "it was started" : "its init steps ended") + ": "
                                    + service.health().describe() + " said: " + last.detail(), log));
                }
                listener.on(new StackEvent(service.name(), StackEvent.Phase.WAITING_FOR_HEALTH,
                        waited + "s, " + last.detail()));
            }
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
