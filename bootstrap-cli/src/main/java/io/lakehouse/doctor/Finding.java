package io.lakehouse.doctor;

import static java.util.Objects.requireNonNull;

/** One thing {@code doctor} checked: what it found and, when it is not fine, what it means and how to fix it. */
public record Finding(String check, Level level, String found, String fix) {
    public enum Level {
        OK, INFO, WARN, FAIL;

        public String label() {
            return name().toLowerCase();
        }
    }

    public Finding {
        requireNonNull(check, "check");
        requireNonNull(level, "level");
        requireNonNull(found, "found");
        requireNonNull(fix, "fix");
    }

    public static Finding ok(String check, String found) {
        return new Finding(check, Level.OK, found, "");
    }
}
