package io.lakehouse.stack;

import java.util.List;

/** Services that (transitively) need each other: no start order exists. */
public final class DependencyCycleException extends IllegalStateException {
    private final List<String> cycle;

    public DependencyCycleException(List<String> cycle) {
        super("dependency cycle: " + String.join(" -> ", cycle));
        this.cycle = List.copyOf(cycle);
    }

    public List<String> cycle() {
        return cycle;
    }
}
