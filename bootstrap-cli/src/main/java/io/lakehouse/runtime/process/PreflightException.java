package io.lakehouse.runtime.process;

import io.lakehouse.failure.ExitStatus;
import io.lakehouse.failure.ReportedFailure;

import java.util.List;

/** Problems found before anything was started (busy ports, missing JDK or service folder): nothing was changed. */
public final class PreflightException extends RuntimeException implements ReportedFailure {
    private final List<String> problems;

    public PreflightException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    @Override
    public ExitStatus status() {
        return ExitStatus.PRECONDITION;
    }

    @Override
    public List<String> lines() {
        List<String> lines = new java.util.ArrayList<>(List.of("error: cannot start; nothing was changed:"));
        problems.forEach(p -> lines.add("  - " + p));
        return lines;
    }
}
