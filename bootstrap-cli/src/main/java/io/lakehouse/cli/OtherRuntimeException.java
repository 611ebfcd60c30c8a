package io.lakehouse.cli;

import io.lakehouse.failure.ExitStatus;
import io.lakehouse.failure.ReportedFailure;

/** A command asked for one runtime while the stack here runs on the other: refused, nothing changed (exit 3). */
final class OtherRuntimeException extends RuntimeException implements ReportedFailure {
    OtherRuntimeException(String message) {
        super(message);
    }

    @Override
    public ExitStatus status() {
        return ExitStatus.PRECONDITION;
    }

    @Override
    public java.util.List<String> lines() {
        return java.util.List.of("error: " + getMessage(), "  nothing was changed");
    }
}
