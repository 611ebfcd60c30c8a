package io.lakehouse.runtime.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The generated credentials a container was given: compose copies each secret its service lists into
 * {@code /run/secrets/NAME} (the compose file's {@code secrets:}), so none is in the container's configuration or in
 * the environment of its processes. Read by {@code lakehouse container prepare|probe} and by the CLI that Airflow's
 * DAG tasks run inside the stack.
 */
public final class ContainerSecrets {
    public static final Path DIR = Path.of("/run/secrets");

    private final Path dir;

    public ContainerSecrets(Path dir) {
        this.dir = dir;
    }

    public static ContainerSecrets mounted() {
        return new ContainerSecrets(DIR);
    }

    /** The value of generated variable {@code name}, if this container was given it; exactly as generated. */
    public Optional<String> value(String name) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String value = Files.readString(file, StandardCharsets.UTF_8);
            return value.isEmpty() ? Optional.empty() : Optional.of(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the secret " + file + " (" + e.getMessage() + ")", e);
        }
    }
}
