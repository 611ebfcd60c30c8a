package io.lakehouse.runtime;

import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Why one service did not come up: what failed (the probe and its last answer, or the process's exit), the fix
 * where one is known, and the tail of its log.
 */
public record ServiceFailure(String service, String reason, Optional<String> hint, Optional<String> log,
                             List<String> logTail) {
    public ServiceFailure {
        requireNonNull(service, "service");
        requireNonNull(reason, "reason");
        requireNonNull(hint, "hint");
        requireNonNull(log, "log");
        logTail = List.copyOf(logTail);
    }

    public static ServiceFailure withLog(String service, String reason, LogSource log) {
        return new ServiceFailure(service, reason, Optional.empty(), Optional.of(log.location()), log.tail(15));
    }
}
