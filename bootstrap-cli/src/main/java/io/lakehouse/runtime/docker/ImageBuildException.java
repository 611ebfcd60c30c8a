package io.lakehouse.runtime.docker;

import io.lakehouse.failure.ExitStatus;
import io.lakehouse.failure.ReportedFailure;

import java.util.List;

/** An image did not build: which one, for which services, the step that failed, and the build's last lines. */
public final class ImageBuildException extends RuntimeException implements ReportedFailure {
    private final List<String> tail;

    public ImageBuildException(String message, List<String> tail) {
        super(message);
        this.tail = List.copyOf(tail);
    }

    public List<String> tail() {
        return tail;
    }

    @Override
    public ExitStatus status() {
        return ExitStatus.START_FAILED;
    }

    @Override
    public List<String> lines() {
        List<String> more = new java.util.ArrayList<>(tail.stream().map(line -> "    | " + line).toList());
        more.add("  no container was started or changed; the images built before it are kept");
        return linesWith(more);
    }
}
