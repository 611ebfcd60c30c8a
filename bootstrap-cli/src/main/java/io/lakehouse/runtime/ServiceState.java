package io.lakehouse.runtime;

/** What {@code status} says of a service. */
public enum ServiceState {
    HEALTHY, UNHEALTHY, STOPPED, CRASHED;

    public String label() {
        return name().toLowerCase();
    }
}
