package io.lakehouse.runtime.local;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What {@code up} remembers of a service process: its pid and the process's start time (so a pid reused by another
 * program is not mistaken for ours), the command, the ports it was given, and its log.
 */
public record ProcessRecord(String service, long pid, long processStartEpochMs, String command,
                            Map<String, Integer> ports, String log, long recordedAtEpochMs) {
    public ProcessRecord {
        requireNonNull(service, "service");
        requireNonNull(command, "command");
        ports = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ports));
        requireNonNull(log, "log");
    }
}
