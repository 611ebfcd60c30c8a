package io.lakehouse.runtime;

import io.lakehouse.stack.ServiceDefinition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Where things are: the project home (compose/ and the assembled service folders under services/) and the
 * state directory (generated secrets, rendered config, data, logs, process records).
 * <pre>
 * .lakehouse/secrets.properties     generated credentials, owner-only
 * .lakehouse/conf/SERVICE/          rendered config (owner-only)
 * .lakehouse/data/SERVICE/          persistent data; .init/ marks finished one-time init steps
 * .lakehouse/logs/SERVICE.log       one log per service
 * .lakehouse/tmp/SERVICE/           the service's JVMs' java.io.tmpdir, emptied before it starts and after it stopped
 * .lakehouse/run/SERVICE.json       pid, process start (kernel ticks and wall clock), ports of a running service
 * </pre>
 */
public record StackLayout(Path home, Path stateDir) {
    public StackLayout {
        home = requireNonNull(home, "home").toAbsolutePath().normalize();
        stateDir = requireNonNull(stateDir, "stateDir").toAbsolutePath().normalize();
    }

    /**
     * The project home from {@code -Dlakehouse.home}, {@code LAKEHOUSE_HOME}, or the nearest parent of the working
     * directory holding {@code compose/docker-compose.yml}; the state directory from the argument,
     * {@code LAKEHOUSE_STATE_DIR}, or {@code <home>/.lakehouse}.
     */
    public static StackLayout discover(Path stateDirOption) {
        Path home = Optional.ofNullable(System.getProperty("lakehouse.home"))
                .or(() -> Optional.ofNullable(System.getenv("LAKEHOUSE_HOME")))
                .map(Path::of)
                .or(StackLayout::searchUpwards)
                .orElseThrow(() -> new IllegalStateException(
                        "cannot find the lakehouse project (compose/docker-compose.yml); run from the project folder or set LAKEHOUSE_HOME"));
        Path state = Optional.ofNullable(stateDirOption)
                .or(() -> Optional.ofNullable(System.getenv("LAKEHOUSE_STATE_DIR")).map(Path::of))
                .orElse(home.resolve(".lakehouse"));
        return new StackLayout(home, state);
    }

    private static Optional<Path> searchUpwards() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("compose/docker-compose.yml"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    public Path composeDir() {
        return home.resolve("compose");
    }

    public Path composeFile() {
        return composeDir().resolve("docker-compose.yml");
    }

    public Path configTemplates(ServiceDefinition service) {
        return composeDir().resolve(service.configFolder());
    }

    /** The assembled service folder a service runs from, built by the services/NAME Maven module. */
    public Path distribution(String name) {
        return home.resolve("services").resolve(name).resolve("target").resolve("dist");
    }

    /**
     * The virtual environment of a Python application, beside its service folder: a build product like the folder
     * (made by the CLI from {@code dist/requirements.lock}), kept by {@code down --purge}, gone with {@code mvn clean}.
     */
    public Path venv(String distribution) {
        return home.resolve("services").resolve(distribution).resolve("target").resolve("venv");
    }

    /** The CLI's own tools (uv's venv): made on first use, cheap to make again after {@code down --purge}. */
    public Path tools() {
        return stateDir.resolve("tools");
    }

    public Path secretsFile() {
        return stateDir.resolve("secrets.properties");
    }

    public Path confDir(ServiceDefinition service) {
        return stateDir.resolve("conf").resolve(service.name());
    }

    public Path dataDir(ServiceDefinition service) {
        return stateDir.resolve("data").resolve(service.name());
    }

    /** The service's own temporary folder (see {@link io.lakehouse.runtime.process.ScratchDirectory}). */
    public io.lakehouse.runtime.process.ScratchDirectory scratch(ServiceDefinition service) {
        return new io.lakehouse.runtime.process.ScratchDirectory(stateDir.resolve("tmp").resolve(service.name()));
    }

    public Path logsDir() {
        return stateDir.resolve("logs");
    }

    public Path logFile(ServiceDefinition service) {
        return logsDir().resolve(service.name() + ".log");
    }

    public Path runDir() {
        return stateDir.resolve("run");
    }
}
