package io.lakehouse.runtime;

import io.lakehouse.stack.ServiceDefinition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The order {@code down} stops services in: waves, each stopped at once, a service only after every service that
 * needs it ({@link ServiceDefinition#needs}). The instances of one role ({@code kafka}, {@code kafka-2},
 * {@code kafka-3}) stop in the same wave, with their original: brokers stopped one after another lose their KRaft
 * quorum, and the last one then waits out its whole grace period for a controller that is gone (62-72 s for a
 * scaled stack's {@code down}, most of it that wait).
 */
public final class StopWaves {
    private StopWaves() {
    }

    /** {@code services} (any order) as waves to stop one after another; each wave's services in the given order. */
    public static List<List<ServiceDefinition>> of(List<ServiceDefinition> services) {
        Map<String, List<ServiceDefinition>> roles = new LinkedHashMap<>();
        for (ServiceDefinition service : services) {
            roles.computeIfAbsent(role(service), r -> new ArrayList<>()).add(service);
        }
        Map<String, String> roleOf = new LinkedHashMap<>();
        services.forEach(s -> roleOf.put(s.name(), role(s)));
        // the roles that need each role, within what is stopped
        Map<String, Set<String>> dependents = new LinkedHashMap<>();
        roles.keySet().forEach(role -> dependents.put(role, new HashSet<>()));
        for (ServiceDefinition service : services) {
            for (String need : service.needs()) {
                String needed = roleOf.get(need);
                if (needed != null && !needed.equals(role(service))) {
                    dependents.get(needed).add(role(service));
                }
            }
        }
        List<List<ServiceDefinition>> waves = new ArrayList<>();
        Set<String> stopped = new HashSet<>();
        while (stopped.size() < roles.size()) {
            List<String> wave = roles.keySet().stream().filter(role -> !stopped.contains(role))
                    .filter(role -> stopped.containsAll(dependents.get(role))).toList();
            if (wave.isEmpty()) { // a cycle in the model: what is left stops together rather than never
                wave = roles.keySet().stream().filter(role -> !stopped.contains(role)).toList();
            }
            List<ServiceDefinition> members = new ArrayList<>();
            for (ServiceDefinition service : services) {
                if (wave.contains(role(service))) {
                    members.add(service);
                }
            }
            waves.add(List.copyOf(members));
            stopped.addAll(wave);
        }
        return List.copyOf(waves);
    }

    /**
     * Stops {@code services} wave by wave with {@code stopper}, the services of a wave at once, each wave after the
     * one before has ended; the first failure of a wave (the others suppressed in it) ends the stop after that wave.
     */
    public static void run(List<ServiceDefinition> services, Consumer<ServiceDefinition> stopper) {
        for (List<ServiceDefinition> wave : of(services)) {
            List<Thread> stopping = new ArrayList<>();
            List<RuntimeException> failures = Collections.synchronizedList(new ArrayList<>());
            for (ServiceDefinition service : wave) {
                Thread thread = new Thread(() -> {
                    try {
                        stopper.accept(service);
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }, "stop-" + service.name());
                thread.start();
                stopping.add(thread);
            }
            for (Thread thread : stopping) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while stopping " + thread.getName(), e);
                }
            }
            if (!failures.isEmpty()) {
                failures.subList(1, failures.size()).forEach(failures.get(0)::addSuppressed);
                throw failures.get(0);
            }
        }
    }

    private static String role(ServiceDefinition service) {
        return service.instance().map(ServiceDefinition.Instance::original).orElse(service.name());
    }
}
