package io.lakehouse.failure;

import java.util.List;

/**
 * A failure that knows what a user needs to read: the exit status it ends a command with, and its lines (the
 * {@code error:} line first, then the fix, the log tail or what was left as it was). Implemented by the exceptions
 * the runtimes and the model throw for a known cause; the CLI's error handler prints these lines and nothing else
 * (the trace only with {@code --verbose}). Anything else is reported as a plain {@link ExitStatus#FAILURE}.
 */
public interface ReportedFailure {
    ExitStatus status();

    /** The exception's message (every implementation is a {@link Throwable}). */
    String getMessage();

    /** What the user reads; by default the one {@code error:} line of the message. */
    default List<String> lines() {
        return List.of("error: " + getMessage());
    }

    /** The {@code error:} line of the message, then what else the user reads (already indented). */
    default List<String> linesWith(List<String> more) {
        List<String> lines = new java.util.ArrayList<>(List.of("error: " + getMessage()));
        lines.addAll(more);
        return List.copyOf(lines);
    }
}
