package io.lakehouse.stack.health;

import java.util.concurrent.ExecutionException;

/** Turns a probe's exception into the one line a user needs: the root cause's type and message. */
final class Failures {
    private Failures() {
    }

    static String message(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause.getMessage() == null) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String type = cause.getClass().getSimpleName();
        return cause.getMessage() == null ? type : type + ": " + cause.getMessage();
    }
}
