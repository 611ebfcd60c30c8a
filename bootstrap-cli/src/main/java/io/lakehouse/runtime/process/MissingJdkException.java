package io.lakehouse.runtime.process;

import io.lakehouse.failure.ExitStatus;
import io.lakehouse.failure.ReportedFailure;

/** No installed JDK fits a service; the message says which is needed and where we looked. */
public final class MissingJdkException extends IllegalStateException implements ReportedFailure {
    public MissingJdkException(String message) {
        super(message);
    }

    @Override
    public ExitStatus status() {
        return ExitStatus.PRECONDITION;
    }
}
