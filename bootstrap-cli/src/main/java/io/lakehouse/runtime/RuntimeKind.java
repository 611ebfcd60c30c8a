package io.lakehouse.runtime;

/** Where the services run: plain local processes, or containers through Docker Compose. */
public enum RuntimeKind {
    LOCAL, DOCKER;

    public String label() {
        return name().toLowerCase();
    }
}
