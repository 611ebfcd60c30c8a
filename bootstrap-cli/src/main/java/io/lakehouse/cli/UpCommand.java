package io.lakehouse.cli;

import io.lakehouse.cli.render.ProgressDisplay;
import io.lakehouse.cli.render.StatusView;
import io.lakehouse.cli.render.BootstrapReport;
import io.lakehouse.bootstrap.Bootstrap;
import io.lakehouse.bootstrap.BootstrapContext;
import io.lakehouse.runtime.ServiceStatus;
import io.lakehouse.runtime.MemoryPlan;
import io.lakehouse.runtime.RememberedScale;
import io.lakehouse.runtime.ScaleChange;
import io.lakehouse.runtime.StackLayout;
import io.lakehouse.runtime.process.PreflightException;
import io.lakehouse.stack.ScaleSpec;
import io.lakehouse.runtime.StackRuntime;
import io.lakehouse.stack.ServiceCatalog;
import io.lakehouse.stack.ServiceDefinition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code lakehouse up}: start the stack (or the named services and what they need) and wait until healthy. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Start the services (all, or the named ones and what they need) and wait until each is healthy.")
final class UpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;


    @Mixin
    StackOptions stack;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services to start (default: all).")
    List<String> services = List.of();

    @Option(names = "--scale", paramLabel = "ROLE=N[,ROLE=N...]",
            description = "Run several instances of a role: datanode, kafka, spark-worker, flink-taskmanager (N "
                    + "counts the first), trino-worker (N workers beside the coordinator). Remembered in the state "
                    + "directory: the next commands act on the same stack (default: the scale it was started with).")
    String scale;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        StackLayout layout = stack.layout();
        ServiceCatalog was = stack.catalog();
        ServiceCatalog catalog = scale == null ? was : ServiceCatalog.standard().scaled(ScaleSpec.parse(scale));
        List<ServiceDefinition> selected = catalog.withDependencies(services);
        List<String> refusals = ScaleChange.refusals(layout, was, catalog, stack.runtime(was).existing());
        if (!refusals.isEmpty()) {
            throw new PreflightException(refusals);
        }
        RuntimeChoice.Selected choice = stack.runtimeChoice().forUp(layout, catalog, stack.environment());
        StackRuntime runtime = choice.runtime();
        // a scaled start is refused when it cannot fit; the standard stack's budgets are upper bounds (it peaks far
        // below them), so there, as before, 'doctor' warns and 'up' starts
        if (!catalog.scale().isStandard()) {
            MemoryPlan.check(selected, runtime);
        }
        Optional<String> remembered = RememberedScale.raw(layout);
        if (!catalog.scale().equals(was.scale())) {
            RememberedScale.write(layout, catalog.scale());
        }
        if (!catalog.scale().isStandard()) {
            out.printf("Scale: %s (%d services, %d of them added instances)%n", catalog.scale(), catalog.all().size(),
                    catalog.all().stream().filter(s -> s.instance().isPresent()).count());
        }
        out.printf("Starting %d service(s) on the %s runtime (%s); state in %s%n", selected.size(),
                runtime.kind().label(), choice.reason(), runtime.location());
        out.flush();
        long began = System.nanoTime();
        try (ProgressDisplay progress = new ProgressDisplay(out,
                selected.stream().map(ServiceDefinition::name).toList(), ProgressDisplay.isTerminal())) {
            runtime.up(selected, progress);
        } catch (PreflightException refused) {
            RememberedScale.restore(layout, remembered);   // refused: nothing changed, the scale neither
            throw refused;
        }
        // only once the stack is up: a refused or failed up leaves the choice of the last one that worked
        RuntimeChoice.remember(layout, runtime.kind());
        double seconds = (System.nanoTime() - began) / 1e9;
        List<ServiceStatus> statuses = runtime.status(selected);
        out.printf("%nAll %d service(s) healthy in %.1f s.%n", selected.size(), seconds);
        out.println();
        out.print(StatusView.render(statuses));
        out.println();
        List<String> started = selected.stream().map(ServiceDefinition::name).toList();
        List<String> bootstrap = new java.util.ArrayList<>(List.of("bootstrap"));
        bootstrap.addAll(started);
        java.util.Optional<Integer> inToolbox = Toolbox.runInside(spec, runtime, bootstrap);   // docker: in the stack
        if (inToolbox.isPresent() && inToolbox.get() != ExitCodes.OK) {
            return inToolbox.get();
        }
        if (inToolbox.isEmpty()) {
            List<String> notices = new java.util.ArrayList<>();
            BootstrapReport.print(out, Bootstrap.standard(new BootstrapContext(runtime.kind(), layout, notices::add))
                    .apply(runtime.endpoints(), started));
            notices.forEach(out::println);
        }
        out.println();
        out.println("Logs: 'lakehouse logs SERVICE'. Stop: 'lakehouse down'. Checks: 'lakehouse doctor'.");
        return ExitCodes.OK;
    }
}
