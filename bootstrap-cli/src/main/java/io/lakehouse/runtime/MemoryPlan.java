package io.lakehouse.runtime;

import io.lakehouse.runtime.process.PreflightException;
import io.lakehouse.stack.ServiceDefinition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The memory a start needs, from the model's budget of each instance (its expected upper bound), against what the
 * machine has available: {@code up} refuses a start that cannot fit before anything starts, as {@code doctor} warns.
 */
public final class MemoryPlan {
    private MemoryPlan() {
    }

    /**
     * @throws PreflightException (exit 3, nothing changed) when the services of {@code selected} that do not run yet
     *                            need more than {@code /proc/meminfo}'s MemAvailable
     */
    public static void check(List<ServiceDefinition> selected, StackRuntime runtime) {
        List<String> running = runtime.existing();
        List<ServiceDefinition> toStart = selected.stream().filter(s -> !running.contains(s.name())).toList();
        long budget = toStart.stream().mapToLong(ServiceDefinition::memoryBudgetMb).sum();
        long available = availableMb();
        if (available >= 0 && available < budget) {
            throw new PreflightException(List.of(toStart.size() + " service(s) to start need up to " + budget
                    + " MiB (" + perRole(toStart) + "), " + available + " MiB available; free memory, start fewer "
                    + "services ('lakehouse up SERVICE...') or a smaller --scale"));
        }
    }

    /** {@code trino 2 x 1700 MiB, ...}: the budget per instance and how many instances of each. */
    static String perRole(List<ServiceDefinition> services) {
        Map<String, int[]> roles = new TreeMap<>();
        for (ServiceDefinition service : services) {
            String role = service.instance().map(ServiceDefinition.Instance::original).orElse(service.name());
            roles.computeIfAbsent(role, r -> new int[] {0, service.memoryBudgetMb()})[0]++;
        }
        StringBuilder text = new StringBuilder();
        roles.forEach((role, n) -> text.append(text.isEmpty() ? "" : ", ").append(role)
                .append(n[0] > 1 ? " " + n[0] + " x " : " ").append(n[1]).append(" MiB"));
        return text.toString();
    }

    /** MemAvailable in MiB, or -1 where the machine does not say (not Linux). */
    public static long availableMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // not Linux
        }
        return -1;
    }
}
