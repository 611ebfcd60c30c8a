package io.lakehouse.runtime.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The {@code run/SERVICE.json} records of the local runtime, and the test of whether a record still describes a
 * live process of ours: same pid and same start. Anything else is a stale record.
 * <p>
 * The start is compared as the kernel counts it ({@link KernelStart}: boot and clock ticks, exact) when the record
 * and the machine have it, else as wall-clock milliseconds within a second. The wall-clock comparison alone took live
 * services for crashed ones when the virtual machine's clock was stepped between an {@code up} and a {@code seed}.
 */
public final class ProcessRecordStore {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Start times are derived from clock ticks; allow for rounding between two reads. */
    private static final long START_TIME_TOLERANCE_MS = 1000;

    private final Path runDir;

    public ProcessRecordStore(Path runDir) {
        this.runDir = requireNonNull(runDir, "runDir");
    }

    public Optional<ProcessRecord> read(String service) {
        Path file = file(service);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), ProcessRecord.class));
        } catch (IOException e) {
            return Optional.empty(); // unreadable (e.g. cut short by a crash): as good as stale
        }
    }

    public void write(ProcessRecord record) {
        try {
            Files.createDirectories(runDir);
            Path temp = Files.createTempFile(runDir, "." + record.service(), ".tmp");
            JSON.writeValue(temp.toFile(), record);
            Files.move(temp, file(record.service()), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the process record of " + record.service(), e);
        }
    }

    public void delete(String service) {
        try {
            Files.deleteIfExists(file(service));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The live process a record describes, or empty when the process is gone or the pid now belongs to another. */
    public static Optional<ProcessHandle> live(ProcessRecord record) {
        return ProcessHandle.of(record.pid())
                .filter(ProcessHandle::isAlive)
                .filter(handle -> sameStart(record, handle));
    }

    private static boolean sameStart(ProcessRecord record, ProcessHandle handle) {
        if (record.kernelStart() != null) {
            Optional<KernelStart> now = KernelStart.of(handle.pid());
            if (now.isPresent()) {
                return now.get().equals(record.kernelStart());
            }
        }
        return startTime(handle)
                .map(start -> Math.abs(start - record.processStartEpochMs()) <= START_TIME_TOLERANCE_MS)
                .orElse(false);
    }

    public static Optional<Long> startTime(ProcessHandle handle) {
        return handle.info().startInstant().map(Instant::toEpochMilli);
    }

    private Path file(String service) {
        return runDir.resolve(service + ".json");
    }
}
