package io.lakehouse.runtime.docker;

import io.lakehouse.stack.HealthProbe;
import io.lakehouse.stack.ProbeResult;
import io.lakehouse.stack.ProbeTarget;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * A container's health, probed by one long-lived JVM instead of a JVM per healthcheck: runs the service's
 * protocol-level probe at a fixed delay and writes each result to a status file as
 * {@code <state> <epoch seconds> <detail>} (state {@code starting} until the first healthy probe, then
 * {@code healthy} or {@code unhealthy}), which compose's healthcheck ({@code lakehouse-health.sh}) only reads.
 * Each change of state is printed once to the container's log, with the time since the container's entrypoint began.
 */
public final class ContainerProbeLoop {
    private final String service;
    private final HealthProbe probe;
    private final ProbeTarget target;
    private final Path statusFile;
    private final PrintStream log;
    private final long containerStartedMillis;
    private boolean everHealthy;
    private String lastState = "";

    public ContainerProbeLoop(String service, HealthProbe probe, ProbeTarget target, Path statusFile, PrintStream log) {
        this.service = requireNonNull(service, "service");
        this.probe = requireNonNull(probe, "probe");
        this.target = requireNonNull(target, "target");
        this.statusFile = requireNonNull(statusFile, "statusFile");
        this.log = requireNonNull(log, "log");
        this.containerStartedMillis = preparingSince(statusFile).orElse(System.currentTimeMillis());
    }

    /**
     * When the entrypoint began: it writes "preparing <epoch seconds> ..." before the one-time init, and
     * "starting <epoch> ... (entrypoint began <epoch>)" after it, just before this loop starts.
     */
    static java.util.Optional<Long> preparingSince(Path statusFile) {
        try {
            String line = Files.readString(statusFile, StandardCharsets.UTF_8).strip();
            String[] words = line.split(" ", 3);
            java.util.regex.Matcher began = java.util.regex.Pattern.compile("\\(entrypoint began (\\d+)\\)$")
                    .matcher(line);
            if (words.length >= 2 && words[0].equals("starting") && began.find()) {
                return java.util.Optional.of(Long.parseLong(began.group(1)) * 1000);
            }
            return words.length >= 2 && words[0].equals("preparing")
                    ? java.util.Optional.of(Long.parseLong(words[1]) * 1000) : java.util.Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * Until the first healthy probe, the delay between probes while the service starts, so compose's next check
     * (every 5 s) finds a service its dependants wait for healthy without a probe's delay of up to 5 s more. Compose
     * cannot check more often during the start period alone ({@code start_interval}) on the engines CI and many users
     * have: Docker Engine 20.10 refuses to create the container ("requires Docker Engine v25 or later").
     */
    static final Duration WHILE_STARTING = Duration.ofSeconds(1);

    /**
     * Probes every {@link #WHILE_STARTING} until the first healthy probe, then every {@code every} (after the
     * previous probe ended), until the process ends.
     */
    public void run(Duration every) throws InterruptedException {
        while (true) {
            probeOnce();
            Thread.sleep((everHealthy ? every : WHILE_STARTING).toMillis());
        }
    }

    void probeOnce() {
        ProbeResult result;
        try {
            result = probe.probe(target);
        } catch (RuntimeException e) {
            result = ProbeResult.unhealthy(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        everHealthy |= result.healthy();
        String state = result.healthy() ? "healthy" : everHealthy ? "unhealthy" : "starting";
        write(state, result.detail());
        if (!state.equals(lastState)) {
            // "healthy after N s" (since the entrypoint began, init included) is what the tests' budgets come from
            log.printf("lakehouse-probe: %s %s after %.1f s: %s%n", service, state,
                    (System.currentTimeMillis() - containerStartedMillis) / 1e3, result.detail());
            log.flush();
            lastState = state;
        }
    }

    /** Written to a temporary file and moved into place, so the healthcheck never reads half a line. */
    private void write(String state, String detail) {
        String line = state + " " + System.currentTimeMillis() / 1000 + " "
                + detail.replaceAll("\\s+", " ").strip() + "\n";
        try {
            Path temporary = statusFile.resolveSibling(statusFile.getFileName() + ".tmp");
            Files.writeString(temporary, line, StandardCharsets.UTF_8);
            Files.move(temporary, statusFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.println("lakehouse-probe: cannot write " + statusFile + ": " + e.getMessage());
        }
    }
}
