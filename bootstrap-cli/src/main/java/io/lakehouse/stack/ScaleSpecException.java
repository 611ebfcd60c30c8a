package io.lakehouse.stack;

import io.lakehouse.failure.ExitStatus;
import io.lakehouse.failure.ReportedFailure;

/** A {@code --scale} that cannot be: not ROLE=N, an unknown role, a count out of range. A usage error (exit 2). */
public final class ScaleSpecException extends IllegalArgumentException implements ReportedFailure {
    public ScaleSpecException(String message) {
        super(message);
    }

    @Override
    public ExitStatus status() {
        return ExitStatus.USAGE;
    }
}
