package io.lakehouse.runtime.docker;

import java.time.Duration;

/**
 * One call to the Docker engine got no answer within its bound, or none for a while and no answer to a ping either
 * ({@link DockerEngine#within}).
 */
public final class EngineNotAnsweringException extends RuntimeException {
    private final boolean pingUnanswered;

    EngineNotAnsweringException(String what, Duration waited, boolean pingUnanswered) {
        super("the Docker engine did not answer within " + (waited.toMillis() < 1000 ? waited.toMillis() + " ms"
                : waited.toSeconds() + " s") + " (" + what + (pingUnanswered ? ", nor a ping" : "") + ")");
        this.pingUnanswered = pingUnanswered;
    }

    /** Whether a ping went unanswered too: the engine is silent, not busy, and need not be asked again. */
    public boolean pingUnanswered() {
        return pingUnanswered;
    }
}
