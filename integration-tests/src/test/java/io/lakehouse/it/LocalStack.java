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
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One real local stack for the whole test run: started on first use, shared by every test class, stopped when the
 * run ends (unless a test already stopped it). Its ports are the defaults plus 10000 (system property
 * {@code lakehouse.it.portOffset} to change it), so the tests run beside a stack the user started with
 * {@code ./lakehouse up}; its state lives under {@code target/} ({@code lakehouse.it.stateDir}).
 */
public final class LocalStack implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    static final int PORT_OFFSET = Integer.getInteger("lakehouse.it.portOffset", 10000);

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
                ports.put(spec.overrideVariable(), Integer.toString(spec.defaultPort() + PORT_OFFSET));
            }
        }
        overrides = ports::get;
        runtime = new LocalRuntime(layout, catalog, overrides);
    }

    /** The shared stack, started (and health-checked) on first use. */
    public static synchronized LocalStack get(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(LocalStack.class, key -> new LocalStack().start(), LocalStack.class);
    }

    private LocalStack start() {
        long began = System.nanoTime();
        runtime.up(catalog.all(), event -> {
            if (event.phase() != io.lakehouse.runtime.StackEvent.Phase.WAITING_FOR_HEALTH) {
                System.out.printf("[local stack] %-17s %s %s%n", event.service(), event.phase().label(), event.detail());
            }
        });
        System.out.printf("[local stack] all healthy in %.1f s%n", (System.nanoTime() - began) / 1e9);
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

    @Override
    public void close() {
        runtime.down(catalog.all(), event -> { });
    }
}
