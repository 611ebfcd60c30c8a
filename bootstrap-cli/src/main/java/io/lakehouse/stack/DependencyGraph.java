package io.lakehouse.stack;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Start order of services: dependencies first, ties kept in declaration order. Stop order is the reverse.
 * Built once per catalog; a cycle or a dependency on an unknown service is rejected at construction.
 */
public final class DependencyGraph {
    private final Map<String, List<String>> dependencies;
    private final Map<String, List<String>> uses;
    private final List<String> startOrder;

    public DependencyGraph(Map<String, List<String>> dependencies) {
        this(dependencies, Map.of());
    }

    /**
     * @param dependencies what each service starts after
     * @param uses         what each service only talks to once running: part of {@link #closure}, not of the order
     */
    public DependencyGraph(Map<String, List<String>> dependencies, Map<String, List<String>> uses) {
        this.dependencies = new LinkedHashMap<>();
        requireNonNull(dependencies, "dependencies").forEach((k, v) -> this.dependencies.put(k, List.copyOf(v)));
        this.uses = new LinkedHashMap<>();
        requireNonNull(uses, "uses").forEach((k, v) -> this.uses.put(k, List.copyOf(v)));
        this.dependencies.forEach((service, needs) -> needs.forEach(need -> {
            if (!this.dependencies.containsKey(need)) {
                throw new IllegalStateException(service + " depends on unknown service " + need);
            }
        }));
        this.uses.forEach((service, used) -> used.forEach(need -> {
            if (!this.dependencies.containsKey(need)) {
                throw new IllegalStateException(service + " uses unknown service " + need);
            }
        }));
        this.startOrder = topologicalOrder();
    }

    public static DependencyGraph of(Collection<ServiceDefinition> services) {
        Map<String, List<String>> deps = new LinkedHashMap<>();
        Map<String, List<String>> uses = new LinkedHashMap<>();
        services.forEach(s -> {
            deps.put(s.name(), s.dependsOn());
            uses.put(s.name(), s.uses());
        });
        return new DependencyGraph(deps, uses);
    }

    public List<String> startOrder() {
        return startOrder;
    }

    public List<String> directDependencies(String service) {
        return dependencies.getOrDefault(service, List.of());
    }

    /** The requested services plus everything they need (start after or use), in start order. */
    public List<String> closure(Collection<String> requested) {
        Set<String> needed = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(requested);
        while (!todo.isEmpty()) {
            String service = todo.pop();
            if (needed.add(service)) {
                todo.addAll(directDependencies(service));
                todo.addAll(uses.getOrDefault(service, List.of()));
            }
        }
        return startOrder.stream().filter(needed::contains).toList();
    }

    /** The given services plus everything that needs them, in start order (what must stop when they stop). */
    public List<String> dependents(Collection<String> services) {
        Set<String> affected = new LinkedHashSet<>(services);
        for (String service : startOrder) {
            if (directDependencies(service).stream().anyMatch(affected::contains)) {
                affected.add(service);
            }
        }
        return startOrder.stream().filter(affected::contains).toList();
    }

    private List<String> topologicalOrder() {
        List<String> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String service : dependencies.keySet()) {
            visit(service, done, new ArrayList<>(), order);
        }
        return List.copyOf(order);
    }

    private void visit(String service, Set<String> done, List<String> path, List<String> order) {
        if (done.contains(service)) {
            return;
        }
        int seen = path.indexOf(service);
        if (seen >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(seen, path.size()));
            cycle.add(service);
            throw new DependencyCycleException(cycle);
        }
        path.add(service);
        for (String need : dependencies.get(service)) {
            visit(need, done, path, order);
        }
        path.remove(path.size() - 1);
        done.add(service);
        order.add(service);
    }
}
