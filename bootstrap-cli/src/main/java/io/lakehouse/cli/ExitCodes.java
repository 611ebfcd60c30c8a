package io.lakehouse.cli;

/** What the CLI's exit codes mean; scripts may rely on them. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Something failed; the message says what. */
    public static final int FAILURE = 1;
    /** Wrong usage: unknown option or service name. */
    public static final int USAGE = 2;
    /** A precondition is not met (port in use, JDK or service folder missing, no Docker engine); nothing changed. */
    public static final int PRECONDITION = 3;
    /**
     * A service did not start: its image did not build, or it did not become healthy during {@code up}; or the stack
     * failed under a command (the toolbox container running it was stopped).
     */
    public static final int START_FAILED = 4;
    /** {@code status}: at least one service is not healthy. */
    public static final int NOT_HEALTHY = 5;

    private ExitCodes() {
    }
}
