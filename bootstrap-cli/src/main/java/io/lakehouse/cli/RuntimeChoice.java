package io.lakehouse.cli;

import io.lakehouse.runtime.RuntimeKind;
import io.lakehouse.runtime.StackLayout;
import io.lakehouse.runtime.StackRuntime;
import io.lakehouse.runtime.docker.DockerEngine;
import io.lakehouse.runtime.docker.DockerRuntime;
import io.lakehouse.runtime.local.LocalRuntime;
import io.lakehouse.stack.ServiceCatalog;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code --runtime local|docker|auto}. For {@code up}, auto means docker only where a Docker engine answers.
 * For the other commands, auto means the runtime the last {@code up} used (remembered in the state directory).
 */
public final class RuntimeChoice {
    public enum Choice { local, docker, auto }

    @Option(names = "--runtime", paramLabel = "RUNTIME", defaultValue = "${env:LAKEHOUSE_RUNTIME:-auto}",
            description = "local, docker or auto (default: ${DEFAULT-VALUE}).")
    Choice choice = Choice.auto;

    /** The runtime {@code up} should use, and why, in words. */
    Selected forUp(StackLayout layout, ServiceCatalog catalog, Function<String, String> env) {
        return switch (choice) {
            case local -> new Selected(new LocalRuntime(layout, catalog, env), "asked for");
            case docker -> new Selected(new DockerRuntime(layout, catalog, env), "asked for");
            case auto -> DockerEngine.answers()
                    ? new Selected(new DockerRuntime(layout, catalog, env), "auto: a Docker engine answers")
                    : new Selected(new LocalRuntime(layout, catalog, env), "auto: no Docker engine answers");
        };
    }

    /** The runtime the other commands act on. */
    StackRuntime forExisting(StackLayout layout, ServiceCatalog catalog, Function<String, String> env) {
        RuntimeKind kind = switch (choice) {
            case local -> RuntimeKind.LOCAL;
            case docker -> RuntimeKind.DOCKER;
            case auto -> remembered(layout).orElse(RuntimeKind.LOCAL);
        };
        return kind == RuntimeKind.DOCKER ? new DockerRuntime(layout, catalog, env)
                : new LocalRuntime(layout, catalog, env);
    }

    static void remember(StackLayout layout, RuntimeKind kind) throws IOException {
        Files.createDirectories(layout.stateDir());
        Files.writeString(marker(layout), kind.label() + System.lineSeparator(), StandardCharsets.UTF_8);
    }

    static Optional<RuntimeKind> remembered(StackLayout layout) {
        try {
            Path marker = marker(layout);
            return Files.exists(marker)
                    ? Optional.of(RuntimeKind.valueOf(Files.readString(marker).trim().toUpperCase()))
                    : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Path marker(StackLayout layout) {
        return layout.stateDir().resolve("runtime");
    }

    record Selected(StackRuntime runtime, String reason) {
    }
}
