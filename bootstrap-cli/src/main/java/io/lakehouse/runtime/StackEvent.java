package io.lakehouse.runtime;

import static java.util.Objects.requireNonNull;

/** A step in the life of one service during {@code up} or {@code down}, for the progress display. */
public record StackEvent(String service, Phase phase, String detail) {
    public enum Phase {
        WAITING_FOR_DEPENDENCIES(false),
        INITIALISING(false),
        STARTING(false),
        WAITING_FOR_HEALTH(false),
        HEALTHY(true),
        ALREADY_RUNNING(true),
        FAILED(true),
        SKIPPED(true),
        STOPPING(false),
        STOPPED(true);

        private final boolean terminal;

        Phase(boolean terminal) {
            this.terminal = terminal;
        }

        public boolean terminal() {
            return terminal;
        }

        public String label() {
            return name().toLowerCase().replace('_', ' ');
        }
    }

    public StackEvent {
        requireNonNull(service, "service");
        requireNonNull(phase, "phase");
        requireNonNull(detail, "detail");
    }
}
