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
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code --runtime local|docker|auto}. The runtime follows the stack: where a stack exists (live local processes
 * recorded in the state directory, or containers of the compose project), every command acts on it, and asking for
 * the other runtime is refused before anything changes. Where none runs, a stopped stack is still the state
 * directory's stack: {@code auto} takes the runtime the last successful {@code up} used (remembered in the state
 * directory), whose data is there. Only a state directory that never had a stack lets {@code up} choose: docker
 * where a Docker engine answers, else local (the other commands: local).
 */
public final class RuntimeChoice {
    public enum Choice { local, docker, auto }

    @Option(names = "--runtime", paramLabel = "RUNTIME", defaultValue = "${env:LAKEHOUSE_RUNTIME:-auto}",
            description = "local, docker or auto (default: ${DEFAULT-VALUE}): auto acts on the stack that exists, "
                    + "and where none does, up picks docker if a Docker engine answers.")
    Choice choice = Choice.auto;

    /** The runtime {@code up} should use, and why, in words. */
    Selected forUp(StackLayout layout, ServiceCatalog catalog, Function<String, String> env) {
        Optional<Selected> existing = existing(layout, catalog, env);
        if (existing.isPresent()) {
            return existing.get();
        }
        return switch (choice) {
            case local -> new Selected(new LocalRuntime(layout, catalog, env), "asked for");
            case docker -> new Selected(new DockerRuntime(layout, catalog, env), "asked for");
            // a stopped stack is still this state directory's stack: its data is on that runtime
            case auto -> remembered(layout).map(kind -> kind == RuntimeKind.DOCKER
                            ? new Selected(new DockerRuntime(layout, catalog, env), "auto: this state directory's "
                                    + "stack ran on docker, its data is in its volumes")
                            : new Selected(new LocalRuntime(layout, catalog, env), "auto: this state directory's "
                                    + "stack ran on local, its data is in " + layout.stateDir()))
                    .orElseGet(() -> DockerEngine.answers()
                            ? new Selected(new DockerRuntime(layout, catalog, env),
                                    "auto: no stack here, a Docker engine answers")
                            : new Selected(new LocalRuntime(layout, catalog, env),
                                    "auto: no stack here, no Docker engine answers"));
        };
    }

    /** The runtime the other commands act on. */
    StackRuntime forExisting(StackLayout layout, ServiceCatalog catalog, Function<String, String> env) {
        Optional<Selected> existing = existing(layout, catalog, env);
        if (existing.isPresent()) {
            return existing.get().runtime();
        }
        RuntimeKind kind = switch (choice) {
            case local -> RuntimeKind.LOCAL;
            case docker -> RuntimeKind.DOCKER;
            case auto -> remembered(layout).orElse(RuntimeKind.LOCAL);
        };
        return kind == RuntimeKind.DOCKER ? new DockerRuntime(layout, catalog, env)
                : new LocalRuntime(layout, catalog, env);
    }

    /**
     * The runtime whose stack exists here, or empty. Refuses (exit 3, nothing changed) when the choice names the
     * other runtime.
     */
    private Optional<Selected> existing(StackLayout layout, ServiceCatalog catalog, Function<String, String> env) {
        LocalRuntime local = new LocalRuntime(layout, catalog, env);
        List<String> localServices = local.existing();
        // a local stack is found from its process records; only without one is the Docker engine asked
        DockerRuntime docker = new DockerRuntime(layout, catalog, env);
        List<String> dockerServices = localServices.isEmpty() ? docker.existing() : List.of();
        if (!localServices.isEmpty()) {
            refuseOther(Choice.docker, "a local stack exists (" + describe(localServices) + ", state in "
                    + layout.stateDir() + ")", "local");
            return Optional.of(new Selected(local, "the local stack exists"));
        }
        if (!dockerServices.isEmpty()) {
            refuseOther(Choice.local, "a docker stack exists (" + describe(dockerServices) + ", "
                    + docker.location() + ")", "docker");
            return Optional.of(new Selected(docker, "the docker stack exists"));
        }
        return Optional.empty();
    }

    private void refuseOther(Choice other, String what, String own) {
        if (choice == other) {
            throw new OtherRuntimeException(what + ", and --runtime " + other + " asks for another stack beside it; "
                    + "use --runtime " + own + " (or auto), or stop it first with 'lakehouse down'");
        }
    }

    private static String describe(List<String> services) {
        return services.size() <= 3 ? String.join(", ", services) : services.size() + " services";
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
