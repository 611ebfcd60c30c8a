package io.lakehouse.runtime.local;

import java.util.List;

/** Problems found before anything was started (busy ports, missing JDK or service folder): nothing was changed. */
public final class PreflightException extends RuntimeException {
    private final List<String> problems;

    public PreflightException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
