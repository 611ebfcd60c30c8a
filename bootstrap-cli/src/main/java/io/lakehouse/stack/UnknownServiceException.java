package io.lakehouse.stack;

import io.lakehouse.failure.ExitStatus;
import io.lakehouse.failure.ReportedFailure;

import java.util.Collection;

/** A service name that is not in the catalog; the message lists the valid ones. */
public final class UnknownServiceException extends IllegalArgumentException implements ReportedFailure {
    public UnknownServiceException(String name, Collection<String> known) {
        super("unknown service '" + name + "'; valid services: " + String.join(", ", known));
    }

    @Override
    public ExitStatus status() {
        return ExitStatus.USAGE;
    }
}
