package io.lakehouse.bench;

import io.lakehouse.runtime.ServiceStatus;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A local service's CPU time: its process's and every descendant's (Airflow's scheduler, DAG processor and
 * triggerer; Superset's gunicorn worker), as the operating system counts it ({@link ProcessHandle.Info}).
 */
public final class ProcessTreeCpu implements RestBenchmark.CpuClock {
    @Override
    public Optional<Duration> used(ServiceStatus service) {
        Optional<ProcessHandle> root = service.pid().flatMap(ProcessHandle::of);
        if (root.isEmpty() || !root.get().isAlive()) {
            return Optional.empty();
        }
        return Optional.of(Stream.concat(Stream.of(root.get()), root.get().descendants())
                .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus));
    }
}
