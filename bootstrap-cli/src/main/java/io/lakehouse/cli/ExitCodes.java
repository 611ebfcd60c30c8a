package io.lakehouse.cli;

import io.lakehouse.failure.ExitStatus;

/** The CLI's exit codes as ints for picocli's callables; their meaning is {@link ExitStatus}'s. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Something failed; the message says what. */
    public static final int FAILURE = ExitStatus.FAILURE.code();
    /** Wrong usage: unknown option or service name. */
    public static final int USAGE = ExitStatus.USAGE.code();
    /** A precondition is not met (port in use, JDK or service folder missing, no Docker engine); nothing changed. */
    public static final int PRECONDITION = ExitStatus.PRECONDITION.code();
    /**
     * A service did not start: its image did not build, or it did not become healthy during {@code up}; or the stack
     * failed under a command (the toolbox container running it was stopped).
     */
    public static final int START_FAILED = ExitStatus.START_FAILED.code();
    /** {@code status}: at least one service is not healthy. */
    public static final int NOT_HEALTHY = ExitStatus.NOT_HEALTHY.code();

    private ExitCodes() {
    }
}
