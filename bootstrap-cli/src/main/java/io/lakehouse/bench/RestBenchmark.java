package io.lakehouse.bench;

import io.lakehouse.runtime.ServiceStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * {@code lakehouse bench rest}: what a running stack costs while nobody uses it. Each service's CPU time is read
 * twice, {@code seconds} apart, through a {@link CpuClock} (a local service's processes, a container's cgroup); the
 * result is each service's CPU seconds in that window, its share of one core, and (on Linux) the whole machine's busy
 * share over the same window from {@code /proc/stat}. A stack seeded, with its streaming jobs running, rests at
 * about a fifth of 2 cores (docs/where-the-time-goes.md, "A stack at rest").
 *
 * <p>A process that starts and ends inside the window is not seen; a service that is not running is left out.
 */
public final class RestBenchmark {
    /** The CPU time a running service has used since it started, or empty when it cannot be read. */
    public interface CpuClock {
        Optional<Duration> used(ServiceStatus service);
    }

    /** One service over the window. */
    public record ServiceCpu(String service, double cpuSeconds, double shareOfOneCore) {
    }

    /**
     * The window: its length, the machine's cores, the machine's busy share (null where {@code /proc/stat} is not
     * there), the stack's CPU seconds and its share of the machine, and each service, busiest first.
     */
    public record Result(double seconds, int cores, Double machineBusyShare, double stackCpuSeconds,
                         double stackShareOfMachine, List<ServiceCpu> services, List<String> notMeasured) {
    }

    private final CpuClock clock;
    private final Consumer<String> progress;
    private final Path procStat;

    public RestBenchmark(CpuClock clock, Consumer<String> progress) {
        this(clock, progress, Path.of("/proc/stat"));
    }

    RestBenchmark(CpuClock clock, Consumer<String> progress, Path procStat) {
        this.clock = requireNonNull(clock, "clock");
        this.progress = requireNonNull(progress, "progress");
        this.procStat = requireNonNull(procStat, "procStat");
    }

    public Result run(List<ServiceStatus> running, Duration window) throws InterruptedException {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the window must be longer than 0 s, not " + window);
        }
        // each reading is timed at its middle: a container's reading takes a moment, a process's none
        long firstBegan = System.nanoTime();
        Optional<long[]> machineBefore = machineTicks();
        Map<String, Duration> before = read(running);
        long began = (firstBegan + System.nanoTime()) / 2;
        long end = System.nanoTime() + window.toNanos();
        while (System.nanoTime() < end) {
            long left = end - System.nanoTime();
            // every 10 s: off a terminal each update is a line of its own
            progress.accept(String.format("measuring %d service(s) at rest: %.0f s left", before.size(),
                    Math.ceil(left / 1e9)));
            Thread.sleep(Math.max(1, Math.min(10_000, left / 1_000_000)));
        }
        long secondBegan = System.nanoTime();
        Map<String, Duration> after = read(running);
        Optional<long[]> machineAfter = machineTicks();
        double seconds = ((secondBegan + System.nanoTime()) / 2 - began) / 1e9;
        int cores = Runtime.getRuntime().availableProcessors();
        List<ServiceCpu> services = new ArrayList<>();
        List<String> notMeasured = new ArrayList<>();
        double total = 0;
        for (ServiceStatus service : running) {
            Duration first = before.get(service.service());
            Duration last = after.get(service.service());
            if (first == null || last == null) {
                notMeasured.add(service.service());   // unreadable, or stopped within the window
                continue;
            }
            double cpu = Math.max(0, last.minus(first).toNanos() / 1e9);
            total += cpu;
            services.add(new ServiceCpu(service.service(), round(cpu, 2), round(cpu / seconds, 3)));
        }
        services.sort(Comparator.comparingDouble(ServiceCpu::cpuSeconds).reversed());
        Double busy = machineBefore.isPresent() && machineAfter.isPresent()
                ? round(busyShare(machineBefore.get(), machineAfter.get()), 3) : null;
        return new Result(round(seconds, 1), cores, busy, round(total, 2), round(total / seconds / cores, 3),
                List.copyOf(services), List.copyOf(notMeasured));
    }

    private Map<String, Duration> read(List<ServiceStatus> running) {
        Map<String, Duration> used = new LinkedHashMap<>();
        for (ServiceStatus service : running) {
            clock.used(service).ifPresent(cpu -> used.put(service.service(), cpu));
        }
        return used;
    }

    /** The "cpu" line of /proc/stat: user, nice, system, idle, iowait, irq, softirq, steal (in clock ticks). */
    private Optional<long[]> machineTicks() {
        try {
            for (String line : Files.readAllLines(procStat)) {
                if (line.startsWith("cpu ")) {
                    String[] fields = line.trim().split("\\s+");
                    long[] ticks = new long[Math.min(8, fields.length - 1)];
                    for (int i = 0; i < ticks.length; i++) {
                        ticks[i] = Long.parseLong(fields[i + 1]);
                    }
                    return ticks.length >= 5 ? Optional.of(ticks) : Optional.empty();
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            // no /proc/stat (macOS, Windows): the services' figures stand alone
        }
        return Optional.empty();
    }

    /** Busy = everything but idle and iowait, as a share of all ticks between the two readings. */
    static double busyShare(long[] before, long[] after) {
        long all = 0;
        long idle = 0;
        for (int i = 0; i < Math.min(before.length, after.length); i++) {
            long delta = after[i] - before[i];
            all += delta;
            if (i == 3 || i == 4) {
                idle += delta;
            }
        }
        return all <= 0 ? 0 : (double) (all - idle) / all;
    }

    private static double round(double value, int places) {
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }
}
