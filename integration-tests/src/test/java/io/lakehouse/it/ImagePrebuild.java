package io.lakehouse.it;

import io.lakehouse.runtime.docker.DockerEngine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The project's images built in the background while the local stack's tests run, so that the compose stacks do
 * not wait for them (a fresh machine builds them in about 5 minutes). Started once the local test stack is healthy,
 * in a run of every test class only, as {@code lakehouse images --cpus 0.5}: its build steps held to half a CPU,
 * the CLI itself (wheels, the Debian base) in a session of its own at the lowest priority, so the stack's tests keep
 * their speed. Every stack after the local one waits for it to end ({@link OtherStacks#assertNoneRunningBesides}),
 * then builds, as before, whatever it did not (its log says why).
 */
final class ImagePrebuild {
    /** The build steps' share of the 2 cores while the local stack's tests run. */
    static final String CPUS = "0.5";

    private ImagePrebuild() {
    }

    /** Starts the background build, unless it runs already, no engine answers, or the run is of chosen classes. */
    static synchronized void startIfUseful() {
        String only = System.getProperty("lakehouse.it.only", "");
        if (!"local-stack".equals(System.getProperty("lakehouse.it.run")) || !(only.isBlank() || only.startsWith("${"))
                || !Boolean.parseBoolean(System.getProperty("lakehouse.it.prebuildImages", "true"))
                || Files.exists(pidFile()) || !DockerEngine.answers()) {
            return;
        }
        Path home = Path.of(System.getProperty("lakehouse.home")).toAbsolutePath().normalize();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        try {
            Files.createDirectories(log().getParent());
            ProcessBuilder builder = new ProcessBuilder(List.of("/usr/bin/setsid", "/usr/bin/nice", "-n", "19",
                    java.toString(), "@" + home.resolve("bootstrap-cli/cli-jvm.options"),
                    "-Dlakehouse.home=" + home, "-cp",
                    home.resolve("bootstrap-cli/target/lakehouse-all.jar").toString(),
                    "io.lakehouse.cli.LakehouseCommand", "images", "--cpus", CPUS,
                    "--state-dir", stateDir().toString()))
                    .redirectErrorStream(true).redirectOutput(log().toFile());
            builder.environment().put("LAKEHOUSE_IMAGE_BUILDS", "1");
            Process process = builder.start();
            // setsid made a session, so a scheduler autogroup, of its own: at the lowest weight, it takes idle CPU
            // only (nice alone counts inside one autogroup); best effort where the kernel has no autogroups
            try {
                Files.writeString(Path.of("/proc", Long.toString(process.pid()), "autogroup"), "19");
            } catch (IOException | RuntimeException noAutogroup) {
                // nice -n 19 is all there is
            }
            Files.writeString(pidFile(), Long.toString(process.pid()));
            System.out.println("[images] building the images in the background (pid " + process.pid() + ", "
                    + CPUS + " CPU for the build steps), log " + log());
        } catch (IOException e) {
            System.out.println("[images] no background build (" + e.getMessage() + "); the compose stack builds them");
        }
    }

    /** Waits for the background build to end, when one was started, and says how long and how it ended. */
    static void awaitIfRunning() {
        if (!Files.exists(pidFile())) {
            return;
        }
        long began = System.nanoTime();
        running().ifPresent(build -> build.onExit().join());
        try {
            List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
            lines.stream().filter(l -> l.contains("built in") || l.contains("made locally") || l.contains("error"))
                    .forEach(l -> System.out.println("[images] background: " + l));
        } catch (IOException e) {
            System.out.println("[images] background build log unreadable: " + e.getMessage());
        }
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        PhaseLog.done("waited for the images built in the background", began);
    }

    private static Optional<ProcessHandle> running() {
        try {
            if (!Files.isRegularFile(pidFile())) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(pidFile()).strip());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().map(c -> c.contains(" images --cpus ")).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Path stateDir() {
        return Path.of(System.getProperty("lakehouse.it.stateDir") + "-images");
    }

    private static Path pidFile() {
        return Path.of(System.getProperty("lakehouse.it.stateDir") + "-images.pid");
    }

    private static Path log() {
        return Path.of(System.getProperty("lakehouse.it.stateDir") + "-images.log");
    }
}
