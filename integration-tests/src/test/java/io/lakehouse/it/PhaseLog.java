package io.lakehouse.it;

import java.time.Duration;

/**
 * One line per phase of a test run ({@code [phase] local-stack: stack healthy in 136.2 s, machine 91 % busy (nice
 * 12 %)}), so the CI log tells the story; {@code .ci/run} gathers these lines into its summary at the end. How busy
 * the processors were ({@link MachineBusy}) says whether a phase waited on them or on something else.
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
        Duration took = Duration.ofNanos(System.nanoTime() - beganNanos);
        System.out.printf("%s%s: %s in %.1f s%s%n", PREFIX, run(), what, took.toMillis() / 1000.0,
                MachineBusy.since(beganNanos).map(busy -> ", " + busy).orElse(""));
        System.out.flush();
    }

    static void print(String what, Duration took) {
        System.out.printf("%s%s: %s in %.1f s%n", PREFIX, run(), what, took.toMillis() / 1000.0);
        System.out.flush();
    }
}
