package io.lakehouse.bootstrap;

import static java.util.Objects.requireNonNull;

/** What one bootstrap step found or did: created something, or found it already there. */
public record StepOutcome(String step, String object, boolean created, String detail) {
    public StepOutcome {
        requireNonNull(step, "step");
        requireNonNull(object, "object");
        requireNonNull(detail, "detail");
    }
}
