package io.lakehouse.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * How busy the machine's processors were over a phase, from {@code /proc/stat}'s first line sampled once a second by
 * a daemon thread: the share of all processors' time spent working, the share of it at nice (the images built in
 * the background), and what the host took (steal). A phase at 95 % waits on the processors, one at 50 % on
 * something else; that is what a phase line cannot say by its time alone. Empty where there is no {@code /proc}.
 */
final class MachineBusy {
    private static final Path STAT = Path.of("/proc/stat");
    private static final int KEPT = 3 * 3600;   // a sample a second, three hours: longer than any test JVM lives
    private static final Deque<Sample> SAMPLES = new ArrayDeque<>();
    private static boolean started;

    /** Cumulative ticks of all processors at one moment. */
    record Sample(long nanos, long busy, long nice, long steal, long total) {
        /** From {@code /proc/stat}'s "cpu" line: user nice system idle iowait irq softirq steal ... */
        static Optional<Sample> parse(long nanos, String cpuLine) {
            String[] f = cpuLine.trim().split("\\s+");
            if (f.length < 9 || !f[0].equals("cpu")) {
                return Optional.empty();
            }
            long user = Long.parseLong(f[1]);
            long nice = Long.parseLong(f[2]);
            long system = Long.parseLong(f[3]);
            long idle = Long.parseLong(f[4]);
            long iowait = Long.parseLong(f[5]);
            long irq = Long.parseLong(f[6]);
            long softirq = Long.parseLong(f[7]);
            long steal = Long.parseLong(f[8]);
            long busy = user + nice + system + irq + softirq;
            return Optional.of(new Sample(nanos, busy, nice, steal, busy + idle + iowait + steal));
        }
    }

    /** Percentages between two samples: "machine 87 % busy (nice 12 %)", with steal when the host took any. */
    static String describe(Sample from, Sample to) {
        double total = to.total() - from.total();
        if (total <= 0) {
            return "";
        }
        String text = String.format("machine %.0f %% busy (nice %.0f %%", 100 * (to.busy() - from.busy()) / total,
                100 * (to.nice() - from.nice()) / total);
        double steal = 100 * (to.steal() - from.steal()) / total;
        return text + (steal >= 0.5 ? String.format(", steal %.0f %%", steal) : "") + ")";
    }

    private MachineBusy() {
    }

    /** Starts the sampler once per JVM (a phase begun before it is measured from its first sample). */
    static synchronized void start() {
        if (started || !Files.isReadable(STAT)) {
            return;
        }
        started = true;
        Thread sampler = new Thread(() -> {
            while (true) {
                read().ifPresent(sample -> {
                    synchronized (SAMPLES) {
                        SAMPLES.addLast(sample);
                        if (SAMPLES.size() > KEPT) {
                            SAMPLES.removeFirst();
                        }
                    }
                });
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "machine-busy-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Since {@code beganNanos} (a {@link System#nanoTime()}): the last sample at or before it, to now. */
    static Optional<String> since(long beganNanos) {
        Sample from = null;
        synchronized (SAMPLES) {
            for (Sample sample : SAMPLES) {
                if (from == null || sample.nanos() <= beganNanos) {
                    from = sample;
                } else {
                    break;
                }
            }
        }
        Optional<Sample> now = read();
        if (from == null || now.isEmpty() || now.get().nanos() - from.nanos() < 2_000_000_000L) {
            return Optional.empty();
        }
        return Optional.of(describe(from, now.get())).filter(s -> !s.isEmpty());
    }

    private static Optional<Sample> read() {
        try {
            return Sample.parse(System.nanoTime(), Files.readAllLines(STAT).get(0));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
