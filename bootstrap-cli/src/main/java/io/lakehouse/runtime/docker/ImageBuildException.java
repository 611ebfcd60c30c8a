package io.lakehouse.runtime.docker;

import java.util.List;

/** An image did not build: which one, for which services, the step that failed, and the build's last lines. */
public final class ImageBuildException extends RuntimeException {
    private final List<String> tail;

    public ImageBuildException(String message, List<String> tail) {
        super(message);
        this.tail = List.copyOf(tail);
    }

    public List<String> tail() {
        return tail;
    }
}
