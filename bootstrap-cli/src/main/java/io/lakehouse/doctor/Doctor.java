package io.lakehouse.doctor;

import io.lakehouse.doctor.Finding.Level;
import io.lakehouse.runtime.PortAssignments;
import io.lakehouse.runtime.StackLayout;
import io.lakehouse.runtime.docker.DockerEngine;
import io.lakehouse.runtime.process.Jdk;
import io.lakehouse.runtime.process.JdkLocator;
import io.lakehouse.runtime.local.LocalRuntime;
import io.lakehouse.runtime.process.PortHolder;
import io.lakehouse.runtime.process.PortInspector;
import io.lakehouse.stack.LaunchCommand;
import io.lakehouse.stack.PortSpec;
import io.lakehouse.stack.ServiceCatalog;
import io.lakehouse.stack.ServiceDefinition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Checks the machine against what the stack needs: JDKs (and which each service uses), memory, disk, ports,
 * assembled service folders, and Docker. Every finding that is not fine says what it means and how to fix it.
 */
public final class Doctor {
    /** Room for the CLI, tests and the OS beside the stack's own memory budget. */
    private static final long HEADROOM_MB = 1536;
    private static final long MIN_DISK_MB = 4096;

    private final StackLayout layout;
    private final ServiceCatalog catalog;
    private final Function<String, String> environment;

    public Doctor(StackLayout layout, ServiceCatalog catalog, Function<String, String> environment) {
        this.layout = requireNonNull(layout, "layout");
        this.catalog = requireNonNull(catalog, "catalog");
        this.environment = requireNonNull(environment, "environment");
    }

    public List<Finding> examine() {
        List<Finding> findings = new ArrayList<>();
        findings.addAll(jdks());
        findings.addAll(python());
        findings.add(memory());
        findings.add(disk());
        findings.addAll(serviceFolders());
        findings.addAll(ports());
        findings.addAll(docker());
        return findings;
    }

    private List<Finding> jdks() {
        JdkLocator locator = JdkLocator.scan();
        List<Finding> findings = new ArrayList<>();
        findings.add(new Finding("jdks found", locator.all().isEmpty() ? Level.FAIL : Level.OK,
                locator.all().isEmpty() ? "none" : String.join(", ", locator.all().stream()
                        .map(j -> j.feature() + " (" + j.home() + ")").toList()),
                locator.all().isEmpty() ? "install a JDK 17: apt-get install openjdk-17-jdk-headless" : ""));
        for (ServiceDefinition service : catalog.all()) {
            if (service.local().command() instanceof LaunchCommand.Java java) {
                Optional<Jdk> jdk = locator.find(java.jdk());
                findings.add(jdk.map(j -> Finding.ok("jdk for " + service.name(),
                                java.jdk() + " needed: uses " + j.feature() + " at " + j.home()))
                        .orElseGet(() -> new Finding("jdk for " + service.name(), Level.FAIL,
                                java.jdk() + " needed, none found", locator.explainMissing(java.jdk()))));
            }
        }
        return findings;
    }

    /** The interpreter the Python applications' environments are made with, and whether each is made yet. */
    private List<Finding> python() {
        List<ServiceDefinition> apps = catalog.all().stream().filter(s -> s.local().pythonEnvironment()).toList();
        if (apps.isEmpty()) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>();
        io.lakehouse.runtime.process.Python.Result python = io.lakehouse.runtime.process.Python.find();
        String names = String.join(", ", apps.stream().map(ServiceDefinition::name).toList());
        findings.add(python.python().map(p -> Finding.ok("python", p.version() + " (" + p.executable() + ") for "
                        + names))
                .orElseGet(() -> new Finding("python", Level.FAIL, "none usable, needed by " + names,
                        python.problem())));
        for (ServiceDefinition app : apps) {
            String dist = app.local().distribution();
            boolean ready = new io.lakehouse.runtime.process.PythonEnvironment(
                    io.lakehouse.runtime.process.PythonLock.of(layout.distribution(dist)).file(), layout.venv(dist)).ready();
            findings.add(ready ? Finding.ok("venv for " + app.name(), layout.venv(dist).toString())
                    : new Finding("venv for " + app.name(), Level.INFO, "not made yet",
                    "'up' makes it from its lock on first start (uv: seconds; pip without uv: a minute or more)"));
        }
        return findings;
    }

    private Finding memory() {
        // services already running hold their memory already: only the others must still fit
        io.lakehouse.runtime.local.LocalRuntime local =
                new io.lakehouse.runtime.local.LocalRuntime(layout, catalog, environment);
        List<ServiceDefinition> toStart = catalog.all().stream().filter(s -> local.liveProcess(s).isEmpty()).toList();
        long budget = toStart.stream().mapToLong(ServiceDefinition::memoryBudgetMb).sum();
        long available = availableMemoryMb();
        String found = (toStart.isEmpty() ? "every service runs already"
                : toStart.size() + " service(s) to start" + (catalog.scale().isStandard() ? ""
                        : " at --scale " + catalog.scale()) + ", budget up to " + budget + " MiB (their upper bounds; "
                + "typical use is about half)") + " (+" + HEADROOM_MB + " MiB headroom); "
                + (available < 0 ? "available memory unknown" : available + " MiB available");
        if (available < 0) {
            return new Finding("memory", Level.INFO, found, "");
        }
        if (available < budget) {
            return new Finding("memory", Level.FAIL, found,
                    "free memory (stop other programs) or start fewer services: 'lakehouse up SERVICE...'"
                            + (catalog.scale().isStandard() ? "" : " or a smaller --scale"));
        }
        if (available < budget + HEADROOM_MB) {
            return new Finding("memory", Level.WARN, found, "the stack fits, but little is left for queries and tests");
        }
        return Finding.ok("memory", found);
    }

    static long availableMemoryMb() {
        return io.lakehouse.runtime.MemoryPlan.availableMb();
    }

    private Finding disk() {
        Path probe = layout.stateDir();
        while (probe != null && !Files.exists(probe)) {
            probe = probe.getParent();
        }
        try {
            long free = Files.getFileStore(probe).getUsableSpace() / (1024 * 1024);
            String found = free + " MiB free at " + layout.stateDir();
            return free < MIN_DISK_MB
                    ? new Finding("disk", Level.WARN, found, "keep at least " + MIN_DISK_MB
                    + " MiB free for data and logs, or use --state-dir on a larger disk")
                    : Finding.ok("disk", found);
        } catch (IOException | NullPointerException e) {
            return new Finding("disk", Level.INFO, "cannot tell free space at " + layout.stateDir(), "");
        }
    }

    private List<Finding> serviceFolders() {
        List<Finding> findings = new ArrayList<>();
        catalog.all().stream().map(s -> s.local().distribution()).distinct().forEach(name -> {
            Path dist = layout.distribution(name);
            findings.add(Files.isDirectory(dist) ? Finding.ok("service folder " + name, dist.toString())
                    : new Finding("service folder " + name, Level.FAIL, "missing: " + dist,
                    "build it: ./mvnw -q -pl services/" + name + " package (./lakehouse does it on first run)"));
        });
        return findings;
    }

    private List<Finding> ports() {
        List<Finding> findings = new ArrayList<>();
        Map<String, Integer> ports = PortAssignments.resolve(catalog.all(), environment);
        LocalRuntime local = new LocalRuntime(layout, catalog, environment);
        for (ServiceDefinition service : catalog.all()) {
            boolean ours = local.liveProcess(service).isPresent();
            for (PortSpec spec : service.ports()) {
                int port = ports.get(spec.variable());
                String check = "port " + port + " (" + service.name() + " " + spec.purpose() + ")";
                if (PortInspector.isFree("127.0.0.1", port)) {
                    findings.add(Finding.ok(check, "free"));
                } else if (ours) {
                    findings.add(new Finding(check, Level.INFO, "in use by the running lakehouse " + service.name(), ""));
                } else {
                    String who = PortInspector.holder(port).map(PortHolder::describe).orElse("another process");
                    findings.add(new Finding(check, Level.FAIL, "in use by " + who,
                            "stop it, or set " + spec.overrideVariable() + "=<free port> before 'lakehouse up'"));
                }
            }
        }
        return findings;
    }

    private List<Finding> docker() {
        Optional<String> problem = DockerEngine.problem();
        if (problem.isEmpty()) {
            return List.of(Finding.ok("docker", "a Docker engine answers: 'up --runtime docker' is available"));
        }
        return List.of(new Finding("docker", Level.INFO, "not available: the local runtime will be used",
                problem.get()));
    }
}
