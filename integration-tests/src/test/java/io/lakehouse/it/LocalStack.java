package io.lakehouse.it;

import io.lakehouse.runtime.GeneratedValues;
import io.lakehouse.runtime.PortAssignments;
import io.lakehouse.runtime.StackLayout;
import io.lakehouse.runtime.local.LocalRuntime;
import io.lakehouse.stack.PortSpec;
import io.lakehouse.stack.ServiceCatalog;
import io.lakehouse.stack.ServiceDefinition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One real local stack for the whole test run: shared by every test class, each class's services started on first
 * use (all of them, or those of its {@link StackServices}), stopped when the run ends (unless a test already stopped
 * them). Its ports are the defaults plus {@value #PORT_OFFSET} ({@code -Dlakehouse.it.portOffset} moves them), so
 * the tests run beside a stack the user started with {@code ./lakehouse up}; its state lives under {@code target/}.
 */
public final class LocalStack implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    static final int PORT_OFFSET = 10000;
    private static final int OFFSET = Integer.getInteger("lakehouse.it.portOffset", PORT_OFFSET);

    private final ServiceCatalog catalog = ServiceCatalog.standard();
    private final StackLayout layout;
    private final Function<String, String> overrides;
    private final LocalRuntime runtime;
    private StackEndpoints endpoints;

    private LocalStack() {
        layout = new StackLayout(Path.of(System.getProperty("lakehouse.home")),
                Path.of(System.getProperty("lakehouse.it.stateDir")));
        Map<String, String> ports = new HashMap<>();
        for (ServiceDefinition service : catalog.all()) {
            for (PortSpec spec : service.ports()) {
                ports.put(spec.overrideVariable(), Integer.toString(spec.defaultPort() + OFFSET));
            }
        }
        overrides = ports::get;
        runtime = new LocalRuntime(layout, catalog, overrides);
    }

    /** The shared stack with every service running and healthy (started on first use). */
    public static LocalStack get(ExtensionContext context) {
        return get(context, List.of());
    }

    /** The shared stack with at least the named services (and what they need) running; all when none is named. */
    public static synchronized LocalStack get(ExtensionContext context, Collection<String> services) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(LocalStack.class, key -> new LocalStack(), LocalStack.class)
                .ensure(services);
    }

    /** The stack with the named services (and what they need) running too, started beside the rest if not. */
    public LocalStack running(Collection<String> services) {
        synchronized (LocalStack.class) {
            return ensure(services);
        }
    }

    /** Starts those of the services that are not running (a test may have stopped one); no-op when all run. */
    private LocalStack ensure(Collection<String> services) {
        List<ServiceDefinition> needed = catalog.withDependencies(services);
        if (endpoints != null && needed.stream().allMatch(s -> runtime.liveProcess(s).isPresent())) {
            return this;
        }
        if (endpoints == null) {
            OtherStacks.assertNoneRunningBesides(TestStacks.LOCAL);
        }
        long began = System.nanoTime();
        runtime.up(needed, event -> {
            if (event.phase() != io.lakehouse.runtime.StackEvent.Phase.WAITING_FOR_HEALTH) {
                System.out.printf("[local stack] %-17s %s %s%n", event.service(), event.phase().label(), event.detail());
            }
        });
        PhaseLog.done(needed.size() + " local service(s) healthy", began);
        if (endpoints == null) {
            ImagePrebuild.startIfUseful();
        }
        endpoints = new StackEndpoints("127.0.0.1", PortAssignments.resolve(catalog.all(), overrides),
                GeneratedValues.load(layout.secretsFile()));
        return this;
    }

    public StackEndpoints endpoints() {
        return endpoints;
    }

    public LocalRuntime runtime() {
        return runtime;
    }

    public ServiceCatalog catalog() {
        return catalog;
    }

    public StackLayout layout() {
        return layout;
    }

    public Map<String, String> portOverrides() {
        Map<String, String> env = new HashMap<>();
        catalog.all().forEach(s -> s.ports().forEach(p -> env.put(p.overrideVariable(), overrides.apply(p.overrideVariable()))));
        return env;
    }

    /**
     * Stopped at the end of the run, unless {@code -Dit.keepStack=true} (tests run against a stack kept running), and
     * checked: every process the stack had (each service's process and its descendants) is gone, and nothing else
     * names its state directory, so the next stack of the build starts on idle cores.
     */
    @Override
    public void close() {
        if (Boolean.getBoolean("lakehouse.it.keepStack")) {
            return;
        }
        long began = System.nanoTime();
        List<ProcessHandle> processes = new java.util.ArrayList<>();
        catalog.all().forEach(s -> runtime.liveProcess(s).ifPresent(p -> {
            processes.add(p);
            p.descendants().forEach(processes::add);
        }));
        // each service's stop, from its STOPPING to its STOPPED, so a slow down names the service that held it
        Map<String, Long> stopping = new java.util.concurrent.ConcurrentHashMap<>();
        Map<String, Long> stopTook = new java.util.concurrent.ConcurrentHashMap<>();
        runtime.down(catalog.all(), event -> {
            if (event.phase() == io.lakehouse.runtime.StackEvent.Phase.STOPPING) {
                stopping.put(event.service(), System.nanoTime());
            } else if (event.phase() == io.lakehouse.runtime.StackEvent.Phase.STOPPED
                    && stopping.containsKey(event.service())) {
                stopTook.put(event.service(), System.nanoTime() - stopping.get(event.service()));
            }
        });
        List<String> left = new java.util.ArrayList<>(processes.stream().filter(ProcessHandle::isAlive)
                .map(p -> "pid " + p.pid() + " (" + p.info().command().orElse("?") + ")").toList());
        left.addAll(OtherStacks.localStackProcesses());
        if (!left.isEmpty()) {
            throw new IllegalStateException("the local test stack is down, but these of its processes still run: "
                    + String.join(", ", left.stream().distinct().toList()));
        }
        String slowest = stopTook.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(3).map(e -> e.getKey() + " " + Math.round(e.getValue() / 1e8) / 10.0 + " s")
                .collect(java.util.stream.Collectors.joining(", "));
        PhaseLog.done("local stack down, its " + processes.size() + " process(es) gone"
                + (slowest.isEmpty() ? "" : " (slowest stops: " + slowest + ")"), began);
    }
}
