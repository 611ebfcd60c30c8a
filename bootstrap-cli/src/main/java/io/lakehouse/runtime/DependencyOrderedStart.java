package io.lakehouse.runtime;

import io.lakehouse.stack.ServiceDefinition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Starts services in dependency order, shared by both runtimes: each service starts as soon as everything it needs
 * is healthy, so independent services start concurrently. A failure skips only the services that need it; the
 * others are still brought up, leaving the stack in a known state.
 */
public final class DependencyOrderedStart {

    /** Brings one service up and returns when it is healthy. */
    @FunctionalInterface
    public interface ServiceStarter {
        void start(ServiceDefinition service) throws ServiceStartException;
    }

    private DependencyOrderedStart() {
    }

    public static void run(List<ServiceDefinition> services, ServiceStarter starter, StackListener listener) {
        Map<String, CompletableFuture<Void>> started = new LinkedHashMap<>();
        List<ServiceFailure> failures = Collections.synchronizedList(new ArrayList<>());
        List<String> skipped = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, services.size()), runnable -> {
            Thread thread = new Thread(runnable, "lakehouse-start");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (ServiceDefinition service : services) {
                List<CompletableFuture<Void>> needs = service.dependsOn().stream()
                        .map(started::get)
                        .filter(future -> future != null)
                        .toList();
                if (!needs.isEmpty()) {
                    listener.on(new StackEvent(service.name(), StackEvent.Phase.WAITING_FOR_DEPENDENCIES,
                            String.join(", ", service.dependsOn())));
                }
                CompletableFuture<Void> future = CompletableFuture.allOf(needs.toArray(CompletableFuture[]::new))
                        .handleAsync((ignored, dependencyFailure) -> {
                            if (dependencyFailure != null) {
                                String failed = firstFailed(service, started).orElse("a dependency");
                                skipped.add(service.name());
                                listener.on(new StackEvent(service.name(), StackEvent.Phase.SKIPPED,
                                        "not started: " + failed + " failed"));
                                throw new CompletionException(dependencyFailure);
                            }
                            try {
                                starter.start(service);
                                return null;
                            } catch (ServiceStartException e) {
                                failures.add(e.failure());
                                listener.on(new StackEvent(service.name(), StackEvent.Phase.FAILED,
                                        e.failure().reason()));
                                throw new CompletionException(e);
                            } catch (RuntimeException e) {
                                ServiceFailure failure = new ServiceFailure(service.name(), e.toString(),
                                        Optional.empty(), Optional.empty(), List.of());
                                failures.add(failure);
                                listener.on(new StackEvent(service.name(), StackEvent.Phase.FAILED, e.toString()));
                                throw new CompletionException(e);
                            }
                        }, pool);
                started.put(service.name(), future);
            }
            for (CompletableFuture<Void> future : started.values()) {
                try {
                    future.join();
                } catch (CompletionException ignored) {
                    // collected in failures / skipped
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (!failures.isEmpty() || !skipped.isEmpty()) {
            throw new StackStartException(failures, skipped);
        }
    }

    private static Optional<String> firstFailed(ServiceDefinition service, Map<String, CompletableFuture<Void>> started) {
        return service.dependsOn().stream()
                .filter(name -> started.containsKey(name) && started.get(name).isCompletedExceptionally())
                .findFirst();
    }
}
