package io.lakehouse.runtime;

/** Receives progress of {@code up} and {@code down}; called from several threads. */
@FunctionalInterface
public interface StackListener {
    StackListener SILENT = event -> { };

    void on(StackEvent event);
}
