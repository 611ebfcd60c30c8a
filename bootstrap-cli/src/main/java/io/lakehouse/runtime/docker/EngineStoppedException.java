package io.lakehouse.runtime.docker;

import io.lakehouse.failure.ExitStatus;
import io.lakehouse.failure.ReportedFailure;

import io.lakehouse.runtime.ServiceFailure;

import java.util.List;

/**
 * The Docker engine stopped answering while {@code up} ran: the cause of every service that then "failed", so the
 * message names the engine, not a bystander. What started keeps its containers and volumes; once the engine
 * answers again, {@code up} continues.
 */
public final class EngineStoppedException extends RuntimeException implements ReportedFailure {
    private final List<String> waiting;

    EngineStoppedException(String problem, List<ServiceFailure> failures) {
        super("the Docker engine stopped answering during 'up': " + problem);
        this.waiting = failures.stream().map(ServiceFailure::service).toList();
    }

    /** The services 'up' was starting or waiting for when the engine went away. */
    public List<String> waiting() {
        return waiting;
    }

    @Override
    public ExitStatus status() {
        return ExitStatus.START_FAILED;
    }

    @Override
    public List<String> lines() {
        List<String> more = new java.util.ArrayList<>();
        if (!waiting.isEmpty()) {
            more.add("  it was starting: " + String.join(", ", waiting));
        }
        more.add("  fix: start the engine again ('sudo systemctl start docker'), then 'lakehouse up': it "
                + "continues; what started keeps its containers and volumes");
        return linesWith(more);
    }
}
