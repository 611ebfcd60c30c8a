package io.lakehouse.runtime;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/** How often to try again and for how long, named instead of ad-hoc sleeps. */
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

    public RetryPolicy {
        requireNonNull(name, "name");
        requireNonNull(interval, "interval");
        requireNonNull(timeout, "timeout");
    }
}
