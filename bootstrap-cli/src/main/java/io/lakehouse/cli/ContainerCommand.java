package io.lakehouse.cli;

import io.lakehouse.runtime.InitPhase;
import io.lakehouse.runtime.StackListener;
import io.lakehouse.runtime.docker.ContainerLayout;
import io.lakehouse.runtime.docker.ContainerProbeLoop;
import io.lakehouse.runtime.docker.ContainerSecrets;
import io.lakehouse.runtime.process.JdkLocator;
import io.lakehouse.runtime.process.ResolvedCommand;
import io.lakehouse.runtime.process.ServicePreparation;
import io.lakehouse.stack.ProbeResult;
import io.lakehouse.stack.ProbeTarget;
import io.lakehouse.stack.ServiceCatalog;
import io.lakehouse.stack.ServiceDefinition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Run inside the project's images only: {@code prepare} renders config and runs one-time init steps exactly as the
 * local runtime does, then writes the service's command line for the entrypoint to exec; {@code probe} is the
 * container's healthcheck, the same protocol-level probe the CLI uses from the host.
 */
@Command(name = "container", hidden = true, description = "Entry point and healthcheck inside the project's images.")
final class ContainerCommand {

    @Command(name = "prepare", description = "Render config, run init steps, write the service's argv (NUL-separated).")
    int prepare(@Parameters(paramLabel = "SERVICE") String name,
                @Option(names = "--argv-file", required = true) Path argvFile,
                @Option(names = "--status-file", description = "where each init step's phase is written for the "
                        + "healthcheck ('" + InitPhase.STATE + " <epoch> <step> budget=<s>s: <what>')")
                Path statusFile) throws Exception {
        ServiceCatalog catalog = ServiceCatalog.standard();
        ServiceDefinition service = catalog.get(name);
        Map<String, String> variables = ContainerLayout.variables(service, catalog, System::getenv,
                ContainerSecrets.mounted());
        ServicePreparation preparation = new ServicePreparation(service, variables, ContainerLayout.templates(service),
                ContainerLayout.confDir(), ContainerLayout.dataDir(), Optional.empty(), JdkLocator.scan());
        ResolvedCommand command = preparation.prepare(StackListener.SILENT, step -> {
            if (statusFile != null) {
                String line = InitPhase.begins(step, java.time.Instant.now().getEpochSecond()).statusLine();
                try {
                    Files.writeString(statusFile, line + System.lineSeparator(), StandardCharsets.UTF_8);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            System.err.println("lakehouse-entrypoint: init step " + step.id() + " (" + step.description()
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
        return ExitCodes.OK;
    }

    @Command(name = "probe", description = "Probe the service in this container; exit 0 when healthy. With --watch, "
            + "probe for the container's whole life and write each result to --status-file (the healthcheck reads it).")
    int probe(@Parameters(paramLabel = "SERVICE") String name,
              @Option(names = "--watch", description = "keep probing until the process ends") boolean watch,
              @Option(names = "--every", defaultValue = "5", description = "seconds between probes with --watch")
              int everySeconds,
              @Option(names = "--status-file", defaultValue = "/tmp/lakehouse-health",
                      description = "where --watch writes '<state> <epoch> <detail>'") Path statusFile)
            throws InterruptedException {
        ServiceCatalog catalog = ServiceCatalog.standard();
        ServiceDefinition service = catalog.get(name);
        Map<String, String> variables = ContainerLayout.variables(service, catalog, System::getenv,
                ContainerSecrets.mounted());
        Map<String, Integer> ports = new HashMap<>();
        Map<String, String> secrets = new HashMap<>();
        catalog.all().forEach(s -> {
            s.ports().forEach(p -> ports.put(p.variable(), Integer.parseInt(variables.get(p.variable()))));
            s.generatedValues().forEach(g -> Optional.ofNullable(variables.get(g.variable()))
                    .ifPresent(v -> secrets.put(g.variable(), v)));
        });
        ProbeTarget target = new ProbeTarget("127.0.0.1", ports, secrets);
        if (watch) {
            new ContainerProbeLoop(name, service.health(), target, statusFile, System.err)
                    .run(Duration.ofSeconds(Math.max(1, everySeconds)));
            return ExitCodes.OK;
        }
        ProbeResult result = service.health().probe(target);
        System.out.println((result.healthy() ? "healthy: " : "unhealthy: ") + result.detail());
        return result.healthy() ? ExitCodes.OK : ExitCodes.NOT_HEALTHY;
    }
}
