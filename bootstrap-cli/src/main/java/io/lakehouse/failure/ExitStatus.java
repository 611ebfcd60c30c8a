package io.lakehouse.failure;

/** How a command ended, as its exit code: scripts may rely on these numbers. */
public enum ExitStatus {
    /** Something failed; the message says what. */
    FAILURE(1),
    /** Wrong usage: unknown option or service name. */
    USAGE(2),
    /** A precondition is not met (port in use, JDK or service folder missing, no Docker engine); nothing changed. */
    PRECONDITION(3),
    /**
     * A service did not start: its image did not build, or it did not become healthy during {@code up}; or the stack
     * failed under a command (the toolbox container running it was stopped).
     */
    START_FAILED(4),
    /** {@code status}: at least one service is not healthy. */
    NOT_HEALTHY(5);

    private final int code;

    ExitStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
