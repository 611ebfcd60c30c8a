package io.lakehouse.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Statistics;
import io.lakehouse.runtime.ServiceStatus;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.util.Objects.requireNonNull;

/** A container's CPU time, as its engine counts it for the container's cgroup (the stats API, one reading). */
public final class ContainerCpu implements RestBenchmark.CpuClock {
    private static final Duration BOUND = Duration.ofSeconds(30);

    private final DockerClient client;

    public ContainerCpu(DockerClient client) {
        this.client = requireNonNull(client, "client");
    }

    @Override
    public Optional<Duration> used(ServiceStatus service) {
        if (service.container().isEmpty()) {
            return Optional.empty();
        }
        CompletableFuture<Statistics> reading = new CompletableFuture<>();
        try (ResultCallback.Adapter<Statistics> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Statistics statistics) {
                reading.complete(statistics);
            }

            @Override
            public void onError(Throwable error) {
                reading.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
                reading.complete(null);
            }
        }) {
            client.statsCmd(service.container().get()).withNoStream(true).exec(callback);
            Statistics statistics = reading.get(BOUND.toSeconds(), TimeUnit.SECONDS);
            if (statistics == null || statistics.getCpuStats() == null
                    || statistics.getCpuStats().getCpuUsage() == null) {
                return Optional.empty();
            }
            return Optional.ofNullable(statistics.getCpuStats().getCpuUsage().getTotalUsage()).map(Duration::ofNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | TimeoutException | java.io.IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }
}
