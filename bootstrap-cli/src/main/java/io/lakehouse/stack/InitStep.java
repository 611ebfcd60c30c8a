package io.lakehouse.stack;

import static java.util.Objects.requireNonNull;

/**
 * A one-time preparation run before a service's first start (format storage, initialise a schema).
 * The runtime records it as done (a marker under the service's data directory) only after the command succeeds,
 * so an interrupted init runs again on the next {@code up}.
 */
public record InitStep(String id, String description, LaunchCommand command) {
    public InitStep {
        requireNonNull(id, "id");
        requireNonNull(description, "description");
        requireNonNull(command, "command");
        if (!id.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("init step ids are lower-case words with dashes: " + id);
        }
    }
}
