package io.lakehouse.runtime;

import static java.util.Objects.requireNonNull;

/** One service did not come up; carries the failure as the user should see it. */
public final class ServiceStartException extends Exception {
    private final ServiceFailure failure;

    public ServiceStartException(ServiceFailure failure) {
        super(failure.service() + ": " + failure.reason());
        this.failure = requireNonNull(failure, "failure");
    }

    public ServiceFailure failure() {
        return failure;
    }
}
