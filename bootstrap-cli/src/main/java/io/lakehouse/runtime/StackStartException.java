package io.lakehouse.runtime;

import java.util.List;
import java.util.stream.Collectors;

/** {@code up} did not bring every requested service up; says which failed and which were skipped because of it. */
public final class StackStartException extends RuntimeException {
    private final List<ServiceFailure> failures;
    private final List<String> skipped;

    public StackStartException(List<ServiceFailure> failures, List<String> skipped) {
        super(failures.stream().map(f -> f.service() + ": " + f.reason()).collect(Collectors.joining("; ")));
        this.failures = List.copyOf(failures);
        this.skipped = List.copyOf(skipped);
    }

    public List<ServiceFailure> failures() {
        return failures;
    }

    public List<String> skipped() {
        return skipped;
    }
}
