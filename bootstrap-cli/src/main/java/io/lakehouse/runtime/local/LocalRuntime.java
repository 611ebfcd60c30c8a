package io.lakehouse.runtime.local;

import io.lakehouse.runtime.FolderTree;
import io.lakehouse.runtime.process.JdkLocator;
import io.lakehouse.runtime.process.PortHolder;
import io.lakehouse.runtime.process.PortInspector;
import io.lakehouse.runtime.process.PreflightException;
import io.lakehouse.runtime.process.Python;
import io.lakehouse.runtime.process.PythonEnvironment;
import io.lakehouse.runtime.process.ProcessLauncher;
import io.lakehouse.runtime.process.PythonLock;
import io.lakehouse.runtime.process.ResolvedCommand;
import io.lakehouse.runtime.process.ServicePreparation;

import io.lakehouse.runtime.DependencyOrderedStart;
import io.lakehouse.runtime.GeneratedValues;
import io.lakehouse.runtime.HealthWaiter;
import io.lakehouse.runtime.LogFiles;
import io.lakehouse.runtime.LogSource;
import io.lakehouse.runtime.PortAssignments;
import io.lakehouse.wait.RetryPolicy;
import io.lakehouse.runtime.RuntimeKind;
import io.lakehouse.runtime.ServiceFailure;
import io.lakehouse.runtime.ServiceStartException;
import io.lakehouse.runtime.ServiceState;
import io.lakehouse.runtime.ServiceStatus;
import io.lakehouse.runtime.StackEvent;
import io.lakehouse.runtime.StackEvent.Phase;
import io.lakehouse.runtime.StackLayout;
import io.lakehouse.runtime.StackListener;
import io.lakehouse.runtime.StackRuntime;
import io.lakehouse.runtime.StopWaves;
import io.lakehouse.stack.LaunchCommand;
import io.lakehouse.stack.PortSpec;
import io.lakehouse.stack.ProbeResult;
import io.lakehouse.stack.ProbeTarget;
import io.lakehouse.stack.ServiceCatalog;
import io.lakehouse.stack.ServiceDefinition;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * The services as plain OS processes on this machine: each with its own classpath or binary from its assembled
 * service folder, an explicit heap, its rendered config under the state directory, a log file, and a process record
 * (pid, start time, ports). No Docker needed.
 */
public final class LocalRuntime implements StackRuntime {
    private final StackLayout layout;
    private final ServiceCatalog catalog;
    private final ProcessRecordStore records;
    private final Function<String, String> environment;
    private JdkLocator jdks;

    public LocalRuntime(StackLayout layout, ServiceCatalog catalog) {
        this(layout, catalog, System::getenv);
    }

    /**
     * @param environment where {@code LAKEHOUSE_<PORT_VARIABLE>} port overrides are read (the process environment,
     *                    or a map in tests that run a second stack beside a user's)
     */
    public LocalRuntime(StackLayout layout, ServiceCatalog catalog, Function<String, String> environment) {
        this.layout = requireNonNull(layout, "layout");
        this.catalog = requireNonNull(catalog, "catalog");
        this.environment = requireNonNull(environment, "environment");
        this.records = new ProcessRecordStore(layout.runDir());
    }

    @Override
    public RuntimeKind kind() {
        return RuntimeKind.LOCAL;
    }

    @Override
    public String location() {
        return layout.stateDir().toString();
    }

    @Override
    public void up(List<ServiceDefinition> services, StackListener listener) {
        try {
            Files.createDirectories(layout.stateDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the state directory " + layout.stateDir(), e);
        }
        Map<String, String> generated = GeneratedValues.loadOrCreate(layout.secretsFile(), catalog.all());
        Map<String, Integer> ports = effectivePorts();
        preflight(services, ports);
        DependencyOrderedStart.run(services, service -> start(service, ports, generated, listener), listener);
    }

    /** Everything that can be checked before anything starts: nothing is changed when this fails. */
    private void preflight(List<ServiceDefinition> services, Map<String, Integer> ports) {
        List<String> problems = new ArrayList<>();
        for (ServiceDefinition service : services) {
            if (liveProcess(service).isPresent()) {
                continue; // running already: up adopts it
            }
            Path dist = layout.distribution(service.local().distribution());
            if (!Files.isDirectory(dist)) {
                problems.add("the service folder of " + service.name() + " is missing (" + dist
                        + "); build it with './mvnw -q -pl services/" + service.local().distribution()
                        + " package' (the ./lakehouse launcher does this on first run)");
            }
            if (service.local().pythonEnvironment()) {
                if (Files.isDirectory(dist)) {
                    PythonLock.problem(dist).ifPresent(problem -> problems.add(service.name() + ": " + problem));
                }
                Python.Result python = python();
                if (python.python().isEmpty()) {
                    problems.add(service.name() + ": " + python.problem());
                }
            }
            for (LaunchCommand command : commandsOf(service)) {
                if (command instanceof LaunchCommand.Java java && jdks().find(java.jdk()).isEmpty()) {
                    problems.add(service.name() + ": " + jdks().explainMissing(java.jdk()));
                    break;
                }
            }
            for (PortSpec spec : service.ports()) {
                int port = ports.get(spec.variable());
                if (!PortInspector.isFree(LocalVariables.BIND_ADDRESS, port)) {
                    problems.add(busyPortMessage(service, spec, port));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new PreflightException(problems);
        }
    }

    private String busyPortMessage(ServiceDefinition service, PortSpec spec, int port) {
        Optional<PortHolder> holder = PortInspector.holder(port);
        String who = holder.map(PortHolder::describe).orElse("a process this user cannot see");
        boolean ours = holder.filter(h -> h.pid() > 0).flatMap(h -> ProcessHandle.of(h.pid()))
                .flatMap(h -> h.info().commandLine())
                .map(line -> line.contains(layout.stateDir().toString())).orElse(false);
        if (ours) {
            return "port " + port + " (" + service.name() + " " + spec.purpose() + ") is held by " + who
                    + ", a lakehouse process without a record; run 'lakehouse down' first";
        }
        return "port " + port + " (" + service.name() + " " + spec.purpose() + ") is in use by " + who
                + "; stop it or set " + spec.overrideVariable() + "=<free port>";
    }

    private void start(ServiceDefinition service, Map<String, Integer> ports, Map<String, String> generated,
                       StackListener listener) throws ServiceStartException {
        LogSource log = LogSource.file(layout.logFile(service));
        ProbeTarget target = probeTarget(ports, generated);
        Optional<ProcessRecord> record = records.read(service.name());
        Optional<ProcessHandle> live = record.flatMap(ProcessRecordStore::live);
        if (live.isPresent()) {
            ProbeResult result = service.health().probe(target);
            if (!result.healthy()) {
                ProcessHandle handle = live.get();
                result = HealthWaiter.await(service, target,
                        () -> handle.isAlive() ? Optional.empty() : Optional.of("process " + handle.pid() + " exited"),
                        log, listener);
            }
            listener.on(new StackEvent(service.name(), Phase.ALREADY_RUNNING,
                    "pid " + live.get().pid() + ", " + result.detail()));
            return;
        }
        record.ifPresent(stale -> records.delete(service.name()));

        if (service.local().pythonEnvironment()) {
            ensurePythonEnvironment(service, listener);
        }
        Map<String, String> variables = LocalVariables.of(service, catalog, layout, ports, generated);
        ServicePreparation preparation = new ServicePreparation(service, variables, layout.configTemplates(service),
                layout.confDir(service), layout.dataDir(service), Optional.of(layout.logFile(service)), jdks(),
                layout.scratch(service));
        ResolvedCommand command = preparation.prepare(listener);
        listener.on(new StackEvent(service.name(), Phase.STARTING, ""));
        Process process;
        try {
            process = ProcessLauncher.spawn(command, preparation.environment(), layout.dataDir(service),
                    Optional.of(layout.logFile(service)), true);
        } catch (IOException e) {
            throw new ServiceStartException(ServiceFailure.withLog(service.name(),
                    "cannot start " + command.summary() + ": " + e.getMessage(), log));
        }
        long processStart = ProcessRecordStore.startTime(process.toHandle()).orElse(System.currentTimeMillis());
        Map<String, Integer> ownPorts = new LinkedHashMap<>();
        service.ports().forEach(spec -> ownPorts.put(spec.variable(), ports.get(spec.variable())));
        records.write(new ProcessRecord(service.name(), process.pid(), processStart,
                KernelStart.of(process.pid()).orElse(null), command.summary(), ownPorts, log.location(),
                System.currentTimeMillis()));

        long began = System.nanoTime();
        ProbeResult result = HealthWaiter.await(service, target, exitOf(process), log, listener);
        long seconds = (System.nanoTime() - began) / 100_000_000L;
        listener.on(new StackEvent(service.name(), Phase.HEALTHY,
                "pid " + process.pid() + ", " + (seconds / 10.0) + " s, " + result.detail()));
    }

    /** Makes the service's virtual environment from PyPI when it is missing or its lock changed. */
    private void ensurePythonEnvironment(ServiceDefinition service, StackListener listener)
            throws ServiceStartException {
        String distribution = service.local().distribution();
        PythonEnvironment environment = new PythonEnvironment(
                PythonLock.of(layout.distribution(distribution)).file(), layout.venv(distribution));
        if (environment.ready()) {
            return;
        }
        Python interpreter = python().python().orElseThrow(() -> new ServiceStartException(new ServiceFailure(
                service.name(), python().problem(), Optional.empty(), Optional.empty(), List.of())));
        try {
            environment.ensure(interpreter, layout.tools(), layout.logFile(service),
                    line -> listener.on(new StackEvent(service.name(), Phase.INITIALISING, line)));
        } catch (IOException e) {
            throw new ServiceStartException(ServiceFailure.withLog(service.name(),
                    "cannot make its Python environment " + environment.venv() + ": " + e.getMessage()
                            + " (is PyPI reachable? uv's or pip's output is in the log)",
                    LogSource.file(layout.logFile(service))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceStartException(new ServiceFailure(service.name(), "interrupted while making its "
                    + "Python environment", Optional.empty(), Optional.empty(), List.of()));
        }
    }

    private Python.Result pythonResult;

    private synchronized Python.Result python() {
        if (pythonResult == null) {
            pythonResult = Python.find();
        }
        return pythonResult;
    }

    private static Supplier<Optional<String>> exitOf(Process process) {
        return () -> process.isAlive() ? Optional.empty()
                : Optional.of("process " + process.pid() + " exited with code " + process.exitValue());
    }

    @Override
    public void down(List<ServiceDefinition> services, StackListener listener) {
        // wave by wave (dependents first, a role's instances together), each wave's services stopped at once
        StopWaves.run(services, service -> stop(service, listener));
    }

    private void stop(ServiceDefinition service, StackListener listener) {
        Optional<ProcessRecord> record = records.read(service.name());
        Optional<ProcessHandle> live = record.flatMap(ProcessRecordStore::live);
        List<String> done = new ArrayList<>();
        if (live.isPresent()) {
            listener.on(new StackEvent(service.name(), Phase.STOPPING, "pid " + live.get().pid()));
            ServiceProcesses.StopOutcome outcome = ServiceProcesses.stop(live.get(), RetryPolicy.GRACEFUL_STOP);
            done.add("pid " + live.get().pid() + " " + outcome.describe(RetryPolicy.GRACEFUL_STOP));
            if (!outcome.graceful()) {
                // the stop's line fits a terminal; every process that held on goes into the service's own log
                appendToLog(service, "lakehouse down: " + outcome.describe(RetryPolicy.GRACEFUL_STOP)
                        .replaceFirst(";.*", "") + "; still running then: " + String.join(", ", outcome.holdouts()));
            }
        } else if (record.isPresent()) {
            done.add("was not running (pid " + record.get().pid() + " gone; record removed)");
        }
        for (ProcessHandle orphan : orphans(service)) {
            listener.on(new StackEvent(service.name(), Phase.STOPPING, "orphan pid " + orphan.pid()));
            ServiceProcesses.stop(orphan, RetryPolicy.GRACEFUL_STOP);
            done.add("orphan pid " + orphan.pid() + " stopped");
        }
        record.ifPresent(r -> awaitPortsReleased(r.ports().values()).ifPresent(done::add));
        records.delete(service.name());
        if (record.isPresent() || live.isPresent()) {
            // what the service's JVMs left in their temporary folder (a stop that halts skips their own clean-up)
            emptyScratch(service).ifPresent(done::add);
        }
        listener.on(new StackEvent(service.name(), Phase.STOPPED,
                done.isEmpty() ? "not running" : String.join("; ", done)));
    }

    private Optional<String> emptyScratch(ServiceDefinition service) {
        try {
            layout.scratch(service).empty();
            return Optional.empty();
        } catch (UncheckedIOException e) {
            return Optional.of(e.getMessage());
        }
    }

    private void appendToLog(ServiceDefinition service, String line) {
        try {
            java.nio.file.Files.writeString(layout.logFile(service), line + System.lineSeparator(),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            // the stop's own line already says it was killed
        }
    }

    /** Processes running a service from this state directory without a live record (after a crash of the CLI). */
    private List<ProcessHandle> orphans(ServiceDefinition service) {
        String confDir = layout.confDir(service).toString() + "/";
        long self = ProcessHandle.current().pid();
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            return all.filter(h -> h.pid() != self)
                    .filter(h -> h.info().commandLine().map(line -> line.contains(confDir)).orElse(false))
                    .toList();
        }
    }

    private static Optional<String> awaitPortsReleased(java.util.Collection<Integer> ports) {
        if (RetryPolicy.PORT_RELEASE.await(() -> ports.stream().noneMatch(PortInspector::isListening))) {
            return Optional.empty();
        }
        List<Integer> busy = ports.stream().filter(PortInspector::isListening).toList();
        return busy.isEmpty() ? Optional.empty() : Optional.of("port(s) " + busy + " still in use by "
                + busy.stream().map(p -> PortInspector.holder(p).map(PortHolder::describe).orElse("?")).toList());
    }

    @Override
    public void purge() {
        for (ServiceDefinition service : catalog.all()) {
            if (liveProcess(service).isPresent() || !orphans(service).isEmpty()) {
                throw new IllegalStateException(service.name() + " is still running; run 'lakehouse down' first");
            }
        }
        try {
            FolderTree.delete(layout.stateDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + layout.stateDir(), e);
        }
    }

    @Override
    public List<ServiceStatus> status(List<ServiceDefinition> services) {
        Map<String, String> generated = GeneratedValues.load(layout.secretsFile());
        Map<String, Integer> ports = effectivePorts();
        ProbeTarget target = probeTarget(ports, generated);
        List<ServiceStatus> statuses = new ArrayList<>();
        for (ServiceDefinition service : services) {
            Optional<ProcessRecord> record = records.read(service.name());
            Optional<ProcessHandle> live = record.flatMap(ProcessRecordStore::live);
            Map<String, Integer> own = new LinkedHashMap<>();
            service.ports().forEach(spec -> own.put(spec.variable(), ports.get(spec.variable())));
            ServiceState state;
            String detail;
            if (live.isPresent()) {
                ProbeResult result = service.health().probe(target);
                state = result.healthy() ? ServiceState.HEALTHY : ServiceState.UNHEALTHY;
                detail = result.detail();
            } else if (record.isPresent()) {
                state = ServiceState.CRASHED;
                detail = "pid " + record.get().pid() + " is gone; see the log, then 'lakehouse up'";
            } else {
                state = ServiceState.STOPPED;
                detail = "";
            }
            Optional<String> ui = service.uiPath().map(path -> "http://" + LocalVariables.ADVERTISED_HOST + ":"
                    + own.get(service.ports().stream().filter(p -> p.variable().endsWith("HTTP_PORT"))
                    .findFirst().orElse(service.primaryPort()).variable()) + path);
            // the local runtime always runs a service's stand-in when it has one (it is not a fallback here)
            statuses.add(new ServiceStatus(service.name(), service.version(), RuntimeKind.LOCAL, state,
                    live.map(ProcessHandle::pid), Optional.empty(), own, layout.logFile(service).toString(), detail,
                    ui, service.localStandIn()));
        }
        return statuses;
    }

    @Override
    public void logs(ServiceDefinition service, int lines, boolean follow, PrintWriter out) {
        Path log = layout.logFile(service);
        if (!Files.exists(log)) {
            throw new IllegalStateException("no log yet for " + service.name() + " (" + log + "); has it been started?");
        }
        if (!follow) {
            LogFiles.tail(log, lines).forEach(out::println);
            out.flush();
            return;
        }
        try {
            LogFiles.follow(log, lines, out, () -> !Thread.currentThread().isInterrupted());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public List<String> existing() {
        return catalog.all().stream().filter(s -> liveProcess(s).isPresent()).map(ServiceDefinition::name).toList();
    }

    /** The live process of a service, if its record is current. */
    public Optional<ProcessHandle> liveProcess(ServiceDefinition service) {
        return records.read(service.name()).flatMap(ProcessRecordStore::live);
    }

    public StackLayout layout() {
        return layout;
    }

    @Override
    public ProbeTarget endpoints() {
        return probeTarget(effectivePorts(), GeneratedValues.load(layout.secretsFile()));
    }

    /** The configured ports, except that a running service keeps the ports it was started with. */
    private Map<String, Integer> effectivePorts() {
        Map<String, Integer> ports = new LinkedHashMap<>(PortAssignments.resolve(catalog.all(), environment));
        for (ServiceDefinition service : catalog.all()) {
            records.read(service.name()).filter(r -> ProcessRecordStore.live(r).isPresent())
                    .ifPresent(r -> ports.putAll(r.ports()));
        }
        return ports;
    }

    private ProbeTarget probeTarget(Map<String, Integer> ports, Map<String, String> generated) {
        return new ProbeTarget(LocalVariables.ADVERTISED_HOST, ports, generated).withInstancesOf(catalog);
    }

    private static List<LaunchCommand> commandsOf(ServiceDefinition service) {
        List<LaunchCommand> commands = new ArrayList<>();
        service.local().initSteps().forEach(step -> commands.add(step.command()));
        commands.add(service.local().command());
        return commands;
    }

    private synchronized JdkLocator jdks() {
        if (jdks == null) {
            jdks = JdkLocator.scan();
        }
        return jdks;
    }
}
