package io.lakehouse.chaos;

import io.lakehouse.runtime.ServiceStatus;
import io.lakehouse.runtime.StackRuntime;
import io.lakehouse.stack.ServiceCatalog;
import io.lakehouse.verify.Check;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * One fault, end to end, as a user would live it: {@code seed --reset} runs; when it reaches the stage that works
 * with the service, after a random moment, the fault is injected; the seed ends (failing, or recovering by itself);
 * then {@code up} (restarts what is down), {@code seed} again, and the reconciliation of {@code verify}. Every
 * command runs through the project's launcher on the same state directory.
 */
final class ChaosRound {
    private static final Pattern LEADING_COUNT = Pattern.compile("^\\s*(-?[\\d,]+)");
    private static final long SEED_MINUTES = 12;

    private final Path home;
    private final Path stateDir;
    private final StackRuntime runtime;
    private final Random random;
    private final Consumer<String> progress;
    private final java.util.Map<String, String> environment;

    ChaosRound(Path home, Path stateDir, java.util.Map<String, String> environment, StackRuntime runtime,
               Random random, Consumer<String> progress) {
        this.environment = java.util.Map.copyOf(environment);
        this.home = requireNonNull(home, "home");
        this.stateDir = requireNonNull(stateDir, "stateDir");
        this.runtime = requireNonNull(runtime, "runtime");
        this.random = requireNonNull(random, "random");
        this.progress = requireNonNull(progress, "progress");
    }

    ChaosResult run(Fault fault) throws Exception {
        if (fault.kind() != Fault.Kind.FULL_DISK) {
            return run(fault, Optional.empty());
        }
        // Kafka onto a small filesystem of its own first (stopped to move it), and back onto the machine's disk
        // however the round ends
        io.lakehouse.stack.ServiceDefinition service = ServiceCatalog.standard().get(fault.service());
        Path dir = new io.lakehouse.runtime.StackLayout(home, stateDir).dataDir(service);
        progress.accept(fault.name() + ": " + fault.service() + " down, its data directory onto a small filesystem");
        cli("down", fault.service());
        SmallDisk disk = SmallDisk.mount(dir);
        try {
            progress.accept(fault.name() + ": up, " + fault.service() + " on " + (SmallDisk.HEADROOM >> 20)
                    + " MiB of free room");
            int up = cli("up");
            if (up != 0) {
                throw new IllegalStateException("up with " + fault.service() + " on a small filesystem exited " + up);
            }
            return run(fault, Optional.of(disk));
        } finally {
            if (disk.mounted()) {
                cli("down", fault.service());
                disk.restore();
            }
        }
    }

    private int cli(String... arguments) throws Exception {
        return CliProcess.start(home, stateDir, environment, line -> { }, arguments).await(SEED_MINUTES);
    }

    private ChaosResult run(Fault fault, Optional<SmallDisk> disk) throws Exception {
        CountDownLatch stageReached = new CountDownLatch(1);
        long[] firstErrorAt = {0};
        String heading = "[" + fault.stage() + "]";
        progress.accept(fault.name() + ": seed --reset, waiting for stage '" + fault.stage() + "'");
        CliProcess seed = CliProcess.start(home, stateDir, environment, line -> {
            if (line.trim().equals(heading)) {
                stageReached.countDown();
            }
            if (line.trim().startsWith("error:") && firstErrorAt[0] == 0) {
                firstErrorAt[0] = System.nanoTime();
            }
        }, "seed", "--reset");
        while (stageReached.getCount() > 0 && seed.alive()) {
            stageReached.await(500, TimeUnit.MILLISECONDS);
        }
        if (stageReached.getCount() > 0) {
            throw new IllegalStateException("seed --reset ended before its stage '" + fault.stage() + "' (exit "
                    + seed.await(1) + "): " + String.join(" | ", tail(seed.lines())));
        }
        // a random moment within the stage: its first seconds (the shortest stage hit lasts about five)
        Thread.sleep(random.nextInt(3000));
        ServiceStatus before = status(fault.service());
        FaultInjector injector = new FaultInjector(runtime.kind(), this::rootSql);
        long injected = System.nanoTime();
        String injection = disk.isPresent()
                ? "filled " + disk.get().dir() + " (" + (disk.get().fill() >> 20) + " MiB of zeros, then no room)"
                : injector.inject(fault, before);
        progress.accept(fault.name() + ": " + injection + " during '" + fault.stage() + "'");
        if (fault.kind() == Fault.Kind.STOP) {
            holdFor(Fault.STOP_FOR);
            injector.resume(fault, before);
            progress.accept(fault.name() + ": continued after " + Fault.STOP_FOR.toSeconds() + " s");
        }
        int firstExit = seed.await(SEED_MINUTES);
        Optional<String> firstError = seed.lines().stream().map(String::trim).filter(l -> l.startsWith("error:"))
                .findFirst();
        progress.accept(fault.name() + ": the seed ended with exit " + firstExit
                + firstError.map(e -> ": " + e).orElse(""));

        if (disk.isPresent()) {
            // the disk made room again: the data back onto the machine's disk (the service stopped to move it)
            progress.accept(fault.name() + ": " + fault.service() + " down, its data back onto the machine's disk");
            cli("down", fault.service());
            disk.get().restore();
        }
        progress.accept(fault.name() + ": up");
        int up = cli("up");
        progress.accept(fault.name() + ": seed (up exited " + up + ")");
        long againBegan = System.nanoTime();
        CliProcess again = CliProcess.start(home, stateDir, environment, line -> { }, "seed");
        int againExit = again.await(SEED_MINUTES);
        double againSeconds = Math.round((System.nanoTime() - againBegan) / 1e8) / 10.0;
        String againError = again.lines().stream().map(String::trim).filter(l -> l.startsWith("error:"))
                .findFirst().orElse(againExit == 0 ? "" : "exit " + againExit + ": "
                        + String.join(" | ", tail(again.lines())));
        progress.accept(fault.name() + ": verify (seed again exited " + againExit + " after " + againSeconds + " s"
                + (againError.isEmpty() ? "" : ": " + againError) + ")");
        // verify as a user runs it (on docker it runs inside the compose network), its checks read from --json
        CliProcess verify = CliProcess.start(home, stateDir, environment, false, line -> { }, "verify", "--json");
        verify.await(SEED_MINUTES);
        List<Check> checks = checksOf(String.join("\n", verify.lines()));
        double recovery = (System.nanoTime() - injected) / 1e9;
        long lost = 0;
        long duplicated = 0;
        int mismatched = 0;
        for (Check check : checks) {
            if (check.ok()) {
                continue;
            }
            mismatched++;
            Optional<Long> expected = count(check.expected());
            Optional<Long> actual = count(check.actual());
            if (expected.isPresent() && actual.isPresent()) {
                lost += Math.max(0, expected.get() - actual.get());
                duplicated += Math.max(0, actual.get() - expected.get());
            }
        }
        boolean recovered = againExit == 0 && mismatched == 0;
        String error = firstError.orElse("");
        double errorAfter = firstErrorAt[0] == 0 ? 0 : Math.round((firstErrorAt[0] - injected) / 1e8) / 10.0;
        return new ChaosResult(fault.name(), fault.service(), lost, duplicated, mismatched,
                Math.round(recovery * 10) / 10.0, error, errorAfter, error.contains(fault.service()), fault.stage(),
                recovered, againSeconds, againError);
    }

    private static List<Check> checksOf(String json) {
        try {
            return List.of(new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Check[].class));
        } catch (java.io.IOException unreadable) {
            return List.of(Check.failed("verify", "ran", "verify --json gave no checks: "
                    + json.substring(0, Math.min(200, json.length()))));
        }
    }

    /** MySQL's root session as this runtime allows it: JDBC to 127.0.0.1 locally, the MySQL container under compose. */
    private RootSql rootSql() throws java.io.IOException {
        if (runtime.kind() == io.lakehouse.runtime.RuntimeKind.LOCAL) {
            io.lakehouse.stack.ProbeTarget stack = runtime.endpoints();
            return RootSql.jdbc(stack.address("MYSQL_PORT"), stack.secret("MYSQL_ROOT_PASSWORD")
                    .orElseThrow(() -> new IllegalStateException("no MYSQL_ROOT_PASSWORD in the stack's secrets")));
        }
        return RootSql.inContainer(status("mysql").container().orElseThrow(() -> new IllegalStateException(
                "mysql has no container: start it with 'lakehouse up'")));
    }

    private ServiceStatus status(String service) {
        return runtime.status(List.of(ServiceCatalog.standard().get(service))).get(0);
    }

    /** The hung process stays hung for the fault's whole duration, whether or not the seed has ended meanwhile. */
    private static void holdFor(java.time.Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    private static Optional<Long> count(String value) {
        Matcher m = LEADING_COUNT.matcher(value);
        return m.find() ? Optional.of(Long.parseLong(m.group(1).replace(",", ""))) : Optional.empty();
    }

    private static List<String> tail(List<String> lines) {
        return lines.subList(Math.max(0, lines.size() - 5), lines.size());
    }
}
