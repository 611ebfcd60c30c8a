package io.lakehouse.stack;

import static java.util.Objects.requireNonNull;

/** The outcome of one health probe: healthy or not, with what was seen, in words. */
public record ProbeResult(boolean healthy, String detail) {
    public ProbeResult {
        requireNonNull(detail, "detail");
    }

    public static ProbeResult healthy(String detail) {
        return new ProbeResult(true, detail);
    }

    public static ProbeResult unhealthy(String detail) {
        return new ProbeResult(false, detail);
    }
}
