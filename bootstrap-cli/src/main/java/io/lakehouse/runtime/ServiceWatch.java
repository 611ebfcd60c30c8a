package io.lakehouse.runtime;

import io.lakehouse.stack.ServiceDefinition;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.util.Objects.requireNonNull;

/**
 * Runs a long piece of work (seed, a wait for jobs) while watching the services it needs, so that when one of them
 * dies or hangs, the error names that service and shows its log, instead of the work waiting out a long timeout and
 * blaming a bystander (a streaming job that "did not catch up" because the metastore it commits to was dead).
 *
 * <p>Every {@code interval} the watch asks the runtime for the status of the services that were healthy when the work
 * began (their health probes; the runtime's own view: a pid gone locally, a container stopped under compose). A
 * service that is gone (crashed or stopped) ends the work at once; one that is unhealthy at two checks in a row
 * (a hung process: its probe times out) ends it too. When the work fails by itself, the same check runs once, so
 * its error is reported as caused by a service that is down, when one is.
 */
public final class ServiceWatch {
    /** Checks this often: a fault is named within about two intervals plus a probe's timeout. */
    public static final Duration INTERVAL = Duration.ofSeconds(8);
    private static final int LOG_LINES = 12;

    private final StackRuntime runtime;
    private final List<ServiceDefinition> services;
    private final Duration interval;

    public ServiceWatch(StackRuntime runtime, List<ServiceDefinition> services, Duration interval) {
        this.runtime = requireNonNull(runtime, "runtime");
        this.services = List.copyOf(services);
        this.interval = requireNonNull(interval, "interval");
    }

    /**
     * Runs the work on a thread of its own and returns its result; throws {@link ServiceDownException} when a watched
     * service went down or stayed unhealthy (the work is interrupted and abandoned), or the work's own exception.
     */
    public <T> T run(Callable<T> work) throws Exception {
        List<ServiceDefinition> watched = healthyNow();
        FutureTask<T> task = new FutureTask<>(work);
        Thread worker = new Thread(task, "watched-work");
        worker.setDaemon(true);   // abandoned when a service is down: it must not keep the CLI alive
        worker.start();
        Map<String, Integer> unhealthyChecks = new HashMap<>();
        while (true) {
            try {
                return task.get(interval.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException failed) {
                Optional<ServiceDownException> cause = check(watched, unhealthyChecks, 1);
                if (cause.isPresent()) {
                    cause.get().addSuppressed(failed.getCause());
                    throw cause.get();
                }
                throw failed.getCause() instanceof Exception e ? e : failed;
            } catch (TimeoutException stillRunning) {
                Optional<ServiceDownException> down = check(watched, unhealthyChecks, 2);
                if (down.isPresent()) {
                    task.cancel(true);
                    throw down.get();
                }
            }
        }
    }

    private List<ServiceDefinition> healthyNow() {
        List<ServiceDefinition> healthy = new ArrayList<>();
        List<ServiceStatus> statuses = runtime.status(services);
        for (int i = 0; i < services.size(); i++) {
            if (statuses.get(i).state() == ServiceState.HEALTHY) {
                healthy.add(services.get(i));
            }
        }
        return healthy;
    }

    /** The first watched service that is gone, or unhealthy for {@code checksToFail} checks in a row. */
    private Optional<ServiceDownException> check(List<ServiceDefinition> watched, Map<String, Integer> unhealthyChecks,
                                                 int checksToFail) {
        if (watched.isEmpty()) {
            return Optional.empty();
        }
        List<ServiceStatus> statuses = runtime.status(watched);
        for (int i = 0; i < watched.size(); i++) {
            ServiceStatus status = statuses.get(i);
            switch (status.state()) {
                case HEALTHY -> unhealthyChecks.remove(status.service());
                case CRASHED, STOPPED -> {
                    return Optional.of(down(watched.get(i), status));
                }
                case UNHEALTHY -> {
                    int times = unhealthyChecks.merge(status.service(), 1, Integer::sum);
                    if (times >= checksToFail) {
                        return Optional.of(down(watched.get(i), status));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private ServiceDownException down(ServiceDefinition service, ServiceStatus status) {
        StringWriter tail = new StringWriter();
        try (PrintWriter out = new PrintWriter(tail)) {
            runtime.logs(service, LOG_LINES, false, out);
        } catch (RuntimeException noLog) {
            tail.write("(no log: " + noLog.getMessage() + ")");
        }
        return new ServiceDownException(service.name(), status.state(), status.detail(),
                tail.toString().lines().toList());
    }

    /** A service the work needs is down or hung: its name, its state as status shows it, and its log's last lines. */
    public static final class ServiceDownException extends Exception {
        private final String service;
        private final List<String> logTail;

        ServiceDownException(String service, ServiceState state, String detail, List<String> logTail) {
            super(service + switch (state) {
                case CRASHED -> " crashed";
                case STOPPED -> " was stopped";
                case UNHEALTHY -> " stopped answering its health check";
                case HEALTHY -> " is healthy";
            } + (detail.isBlank() ? "" : " (" + detail + ")"));
            this.service = service;
            this.logTail = List.copyOf(logTail);
        }

        public String service() {
            return service;
        }

        public List<String> logTail() {
            return logTail;
        }
    }
}
