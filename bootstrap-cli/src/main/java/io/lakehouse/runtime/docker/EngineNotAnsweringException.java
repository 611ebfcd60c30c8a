package io.lakehouse.runtime.docker;

import java.time.Duration;

/** One call to the Docker engine got no answer within its bound ({@link DockerEngine#within}). */
public final class EngineNotAnsweringException extends RuntimeException {
    EngineNotAnsweringException(String what, Duration bound) {
        super("the Docker engine did not answer within " + (bound.toMillis() < 1000 ? bound.toMillis() + " ms" : bound.toSeconds() + " s") + " (" + what + ")");
    }
}
