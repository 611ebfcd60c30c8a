package io.lakehouse.runtime.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * When a process started, as the Linux kernel counts it: the boot it belongs to ({@code /proc/sys/kernel/random/boot_id})
 * and the clock ticks since that boot ({@code /proc/PID/stat}, field 22). Neither moves when the wall clock is set.
 * <p>
 * {@link ProcessHandle.Info#startInstant()} is that tick count added to the boot time of {@code /proc/stat}, which the
 * kernel derives from the wall clock, in whole seconds. On a virtual machine whose clock is stepped (a paused
 * Firecracker VM here, resumed), two JVMs can read boot times a second or more apart, and the same process then seems
 * to have started at two moments: a live service was taken for a crashed one (CI at b1b7b89). Matching on this
 * instead is exact; the wall-clock start stays the fallback where there is no {@code /proc} (macOS).
 */
public record KernelStart(String bootId, long ticks) {
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");
    /** Field 22 of /proc/PID/stat, counted from field 3, the first after the command name's closing parenthesis. */
    private static final int START_TIME_AFTER_COMMAND = 22 - 3;

    public KernelStart {
        requireNonNull(bootId, "bootId");
    }

    /** The start of the process with this pid, or empty when it is gone or there is no {@code /proc}. */
    public static Optional<KernelStart> of(long pid) {
        return of(Path.of("/proc"), pid);
    }

    static Optional<KernelStart> of(Path proc, long pid) {
        try {
            String bootId = Files.readString(proc.resolve(BOOT_ID.subpath(1, BOOT_ID.getNameCount()))).strip();
            String stat = Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"));
            // the command name (field 2) is in parentheses and may itself hold spaces and parentheses
            String[] after = stat.substring(stat.lastIndexOf(')') + 1).strip().split("\\s+");
            if (bootId.isEmpty() || after.length <= START_TIME_AFTER_COMMAND) {
                return Optional.empty();
            }
            return Optional.of(new KernelStart(bootId, Long.parseLong(after[START_TIME_AFTER_COMMAND])));
        } catch (IOException | NumberFormatException | IndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }
}
