package io.lakehouse.runtime.docker;

import io.lakehouse.runtime.InitPhase;
import io.lakehouse.runtime.StackListener;
import io.lakehouse.runtime.process.JdkLocator;
import io.lakehouse.runtime.process.ResolvedCommand;
import io.lakehouse.runtime.process.ServicePreparation;
import io.lakehouse.stack.ProbeTarget;
import io.lakehouse.stack.ServiceCatalog;
import io.lakehouse.stack.ServiceDefinition;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What runs inside the project's images before and beside a service ({@code compose/lakehouse-entrypoint.sh} calls it
 * through {@code lakehouse container prepare|probe}): the service's config rendered and its one-time init steps run
 * exactly as the local runtime does, its command line written for the entrypoint to exec; and the probe target the
 * container's healthcheck probes, from the container's environment and secrets.
 */
public final class ContainerEntrypoint {
    private final ServiceCatalog catalog;
    private final ServiceDefinition service;
    private final Map<String, String> variables;

    public ContainerEntrypoint(ServiceCatalog catalog, String service) {
        this.catalog = catalog;
        this.service = catalog.get(service);
        this.variables = ContainerLayout.variables(this.service, catalog, System::getenv, ContainerSecrets.mounted());
    }

    public ServiceDefinition service() {
        return service;
    }

    /**
     * Renders the config and runs the init steps, announcing each in {@code statusFile} (when given) for the
     * healthcheck and on {@code log}; then writes the service's command line to {@code argvFile} (NUL-separated) and
     * the environment it needs to {@code argvFile.env} ({@code NAME=value}, NUL-separated).
     */
    public void prepare(Path argvFile, Path statusFile, PrintStream log) throws Exception {
        ServicePreparation preparation = new ServicePreparation(service, variables, ContainerLayout.templates(service),
                ContainerLayout.confDir(), ContainerLayout.dataDir(), Optional.empty(), JdkLocator.scan(),
                ContainerLayout.scratch());
        ResolvedCommand command = preparation.prepare(StackListener.SILENT, step -> {
            if (statusFile != null) {
                String line = InitPhase.begins(step, Instant.now().getEpochSecond()).statusLine();
                try {
                    Files.writeString(statusFile, line + System.lineSeparator(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            log.println("lakehouse-entrypoint: init step " + step.id() + " (" + step.description()
                    + "), budget " + step.budget().toSeconds() + " s");
        });
        ByteArrayOutputStream argv = new ByteArrayOutputStream();
        for (String argument : command.arguments()) {
            argv.write(argument.getBytes(StandardCharsets.UTF_8));
            argv.write(0);
        }
        Files.write(argvFile, argv.toByteArray());
        Map<String, String> environment = new HashMap<>(preparation.environment());
        if (command.jdk() != null) {
            environment.put("JAVA_HOME", command.jdk().home().toString());
        }
        StringBuilder env = new StringBuilder();
        environment.forEach((k, v) -> env.append(k).append('=').append(v).append('\0'));
        Files.writeString(Path.of(argvFile + ".env"), env, StandardCharsets.UTF_8);
    }

    /** The service as its probe sees it from inside its container: every port and the credentials it was given. */
    public ProbeTarget probeTarget() {
        Map<String, Integer> ports = new HashMap<>();
        Map<String, String> secrets = new HashMap<>();
        catalog.all().forEach(s -> {
            s.ports().forEach(p -> ports.put(p.variable(), Integer.parseInt(variables.get(p.variable()))));
            s.generatedValues().forEach(g -> Optional.ofNullable(variables.get(g.variable()))
                    .ifPresent(v -> secrets.put(g.variable(), v)));
        });
        return new ProbeTarget("127.0.0.1", ports, secrets);
    }
}
