package io.lakehouse.cli;

import io.lakehouse.cli.render.ProgressDisplay;
import io.lakehouse.runtime.StackLayout;
import io.lakehouse.runtime.StackRuntime;
import io.lakehouse.stack.ServiceCatalog;
import io.lakehouse.stack.ServiceDefinition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.Console;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code lakehouse down}: stop in reverse dependency order; {@code --purge} also deletes all data. */
@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stop the services in reverse dependency order (gracefully, then forcibly). Data is kept "
                + "unless --purge.")
final class DownCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;


    @Mixin
    StackOptions stack;

    @Option(names = "--purge", description = "Also delete all data, logs, config and generated credentials.")
    boolean purge;

    @Option(names = {"-y", "--yes"}, description = "Do not ask before --purge deletes data.")
    boolean yes;

    @Parameters(paramLabel = "SERVICE", arity = "0..*",
            description = "Services to stop, with everything that needs them (default: all).")
    List<String> services = List.of();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        StackLayout layout = stack.layout();
        ServiceCatalog catalog = stack.catalog();
        List<ServiceDefinition> selected = catalog.withDependents(services);
        StackRuntime runtime = stack.runtime(catalog);
        if (purge && !services.isEmpty()) {
            throw new IllegalArgumentException("--purge deletes the whole stack's data; use it without service names");
        }
        if (purge && !yes && !confirm(out, runtime)) {
            out.println("Nothing deleted.");
            return ExitCodes.FAILURE;
        }
        out.printf("Stopping %d service(s) on the %s runtime%n", selected.size(), runtime.kind().label());
        out.flush();
        List<String> stopOrder = new java.util.ArrayList<>(selected.stream().map(ServiceDefinition::name).toList());
        java.util.Collections.reverse(stopOrder);
        try (ProgressDisplay progress = new ProgressDisplay(out, stopOrder, ProgressDisplay.isTerminal())) {
            runtime.down(selected, progress);
        }
        if (purge) {
            runtime.purge();
            out.println("Purged: " + runtime.location());
        }
        return ExitCodes.OK;
    }

    private boolean confirm(PrintWriter out, StackRuntime runtime) {
        Console console = System.console();
        if (console == null) {
            throw new IllegalArgumentException("--purge deletes all data of " + runtime.location()
                    + " and there is no terminal to ask; add --yes to confirm");
        }
        String answer = console.readLine("Delete all data, logs and credentials of %s? [y/N] ", runtime.location());
        return answer != null && answer.trim().toLowerCase().startsWith("y");
    }
}
