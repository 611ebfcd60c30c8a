package io.lakehouse.runtime;

import io.lakehouse.failure.ExitStatus;
import io.lakehouse.failure.ReportedFailure;

import java.util.List;
import java.util.stream.Collectors;

/** {@code up} did not bring every requested service up; says which failed and which were skipped because of it. */
public final class StackStartException extends RuntimeException implements ReportedFailure {
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

    @Override
    public ExitStatus status() {
        return ExitStatus.START_FAILED;
    }

    @Override
    public List<String> lines() {
        List<String> lines = new java.util.ArrayList<>();
        for (ServiceFailure f : failures) {
            lines.add("error: " + f.service() + " did not start: " + f.reason());
            f.hint().ifPresent(h -> lines.add("  fix: " + h));
            if (!f.logTail().isEmpty()) {
                lines.add("  last lines of " + f.log().orElse("its log") + ":");
                f.logTail().forEach(line -> lines.add("    | " + line));
            }
        }
        if (!skipped.isEmpty()) {
            lines.add("not started because a dependency failed: " + String.join(", ", skipped));
        }
        lines.add("services that came up are still running: 'lakehouse status' shows them, "
                + "'lakehouse down' stops them.");
        return lines;
    }
}
