package io.lakehouse.cli;

import io.lakehouse.runtime.InitPhase;
import io.lakehouse.runtime.docker.ContainerEntrypoint;
import io.lakehouse.runtime.docker.ContainerProbeLoop;
import io.lakehouse.stack.HealthProbe;
import io.lakehouse.stack.ProbeResult;
import io.lakehouse.stack.ServiceCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Run inside the project's images only: {@code prepare} renders config and runs one-time init steps exactly as the
 * local runtime does, then writes the service's command line for the entrypoint to exec; {@code probe} is the
 * container's healthcheck, the same protocol-level probe the CLI uses from the host.
 */
@Command(name = "container", hidden = true, description = "Entry point and healthcheck inside the project's images.")
final class ContainerCommand {

    /** The catalog at the scale the deployment's environment says (a scaled compose file or overlay sets it). */
    private static ServiceCatalog scaledCatalog() {
        return ServiceCatalog.standard().scaled(io.lakehouse.stack.ScaleSpec.fromEnvironment(System::getenv));
    }

    @Command(name = "prepare", description = "Render config, run init steps, write the service's argv (NUL-separated).")
    int prepare(@Parameters(paramLabel = "SERVICE") String name,
                @Option(names = "--argv-file", required = true) Path argvFile,
                @Option(names = "--status-file", description = "where each init step's phase is written for the "
                        + "healthcheck ('" + InitPhase.STATE + " <epoch> <step> budget=<s>s: <what>')")
                Path statusFile) throws Exception {
        new ContainerEntrypoint(scaledCatalog(), name).prepare(argvFile, statusFile, System.err);
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
        ContainerEntrypoint container = new ContainerEntrypoint(scaledCatalog(), name);
        HealthProbe health = container.service().health();
        if (watch) {
            new ContainerProbeLoop(name, health, container.probeTarget(), statusFile, System.err)
                    .run(Duration.ofSeconds(Math.max(1, everySeconds)));
            return ExitCodes.OK;
        }
        ProbeResult result = health.probe(container.probeTarget());
        System.out.println((result.healthy() ? "healthy: " : "unhealthy: ") + result.detail());
        return result.healthy() ? ExitCodes.OK : ExitCodes.NOT_HEALTHY;
    }
}
