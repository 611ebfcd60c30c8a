package io.lakehouse.wait;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * How often to try again and for how long, named instead of ad-hoc sleeps: the one way the platform waits for
 * something (a service healthy, a process gone, a port free, a job caught up, a change visible). Its own package at
 * the bottom, so the model (a probe), the runtimes and the applications all use it.
 */
public record RetryPolicy(String name, Duration interval, Duration timeout) {
    /** Health probes while a service starts. */
    public static RetryPolicy health(Duration timeout) {
        return new RetryPolicy("health", Duration.ofMillis(500), timeout);
    }

    /** A process asked to stop, before it is killed. */
    public static final RetryPolicy GRACEFUL_STOP = new RetryPolicy("graceful stop", Duration.ofMillis(200),
            Duration.ofSeconds(30));

    /** Ports released after the processes holding them are gone. */
    public static final RetryPolicy PORT_RELEASE = new RetryPolicy("port release", Duration.ofMillis(200),
            Duration.ofSeconds(10));

    /**
     * A stopped container's published ports, released once the Docker engine has noticed the stop (after the engine
     * was held or busy, that takes seconds).
     */
    public static final RetryPolicy ENGINE_PORT_RELEASE = new RetryPolicy("engine port release",
            Duration.ofMillis(500), Duration.ofSeconds(45));

    /**
     * Asks {@code done} every {@link #interval} until it holds or {@link #timeout} has passed; whether it held. An
     * interrupt ends the wait (false) and keeps the thread's interrupt flag.
     */
    public boolean await(java.util.function.BooleanSupplier done) {
        try {
            return awaitChecked(done::getAsBoolean);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A condition whose check may fail (a query, a call to a service) with {@code E}. */
    @FunctionalInterface
    public interface Condition<E extends Exception> {
        boolean holds() throws E, InterruptedException;
    }

    /**
     * {@link #await} for a check that may fail: its exception ends the wait and is thrown, as is an interrupt.
     * Whether the condition held within the timeout.
     */
    public <E extends Exception> boolean awaitChecked(Condition<E> done) throws E, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.holds()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(interval.toMillis());
        }
        return true;
    }

    public RetryPolicy {
        requireNonNull(name, "name");
        requireNonNull(interval, "interval");
        requireNonNull(timeout, "timeout");
    }
}
