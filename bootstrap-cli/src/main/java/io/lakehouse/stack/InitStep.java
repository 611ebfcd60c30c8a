package io.lakehouse.stack;

import java.time.Duration;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A one-time preparation run before a service's first start (format storage, initialise a schema).
 * The runtime records it as done (a marker under the service's data directory) only after the command succeeds,
 * so an interrupted init runs again on the next {@code up}.
 *
 * <p>It is a phase of its own with its own time budget: the service's start timeout counts only from when its init
 * is done, and an init that runs out of its budget is reported as that phase, not as a start that failed.
 *
 * <p>{@code environment} adds to the service's environment for this step only (templates allowed): how a step gets
 * a secret, which never goes on a command line.
 */
public record InitStep(String id, String description, LaunchCommand command, Duration budget,
                       Map<String, String> environment) {
    public InitStep {
        environment = Map.copyOf(requireNonNull(environment, "environment"));
        requireNonNull(id, "id");
        requireNonNull(description, "description");
        requireNonNull(command, "command");
        requireNonNull(budget, "budget");
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("init step " + id + " needs a positive budget: " + budget);
        }
        if (!id.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("init step ids are lower-case words with dashes: " + id);
        }
    }

    public InitStep(String id, String description, LaunchCommand command, Duration budget) {
        this(id, description, command, budget, Map.of());
    }
}
