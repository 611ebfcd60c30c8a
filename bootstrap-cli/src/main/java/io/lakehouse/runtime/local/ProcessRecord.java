package io.lakehouse.runtime.local;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What {@code up} remembers of a service process: its pid and the process's start (so a pid reused by another
 * program is not mistaken for ours), the command, the ports it was given, and its log.
 * <p>
 * The start is kept twice: {@code kernelStart}, the kernel's own count (null where there is no {@code /proc}, and in
 * records written before it existed), which is what identity is decided on when present; and the wall-clock
 * {@code processStartEpochMs}, for people and for machines without {@code /proc}.
 */
public record ProcessRecord(String service, long pid, long processStartEpochMs, KernelStart kernelStart,
                            String command, Map<String, Integer> ports, String log, long recordedAtEpochMs) {
    public ProcessRecord {
        requireNonNull(service, "service");
        requireNonNull(command, "command");
        ports = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(ports));
        requireNonNull(log, "log");
    }
}
