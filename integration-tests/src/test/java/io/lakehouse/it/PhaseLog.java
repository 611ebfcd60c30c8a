package io.lakehouse.it;

import java.time.Duration;

/**
 * One line per phase of a test run ({@code [phase] local-stack: stack healthy in 136.2 s}), so the CI log tells the
 * story; {@code .ci/run} gathers these lines into its summary at the end.
 */
final class PhaseLog {
    static final String PREFIX = "[phase] ";

    private PhaseLog() {
    }

    /** The failsafe execution this JVM runs ({@code lakehouse.it.run}), or "tests" outside the build. */
    static String run() {
        return System.getProperty("lakehouse.it.run", "tests");
    }

    static void done(String what, long beganNanos) {
        print(what, Duration.ofNanos(System.nanoTime() - beganNanos));
    }

    static void print(String what, Duration took) {
        System.out.printf("%s%s: %s in %.1f s%n", PREFIX, run(), what, took.toMillis() / 1000.0);
        System.out.flush();
    }
}
