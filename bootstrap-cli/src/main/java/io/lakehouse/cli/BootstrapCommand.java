package io.lakehouse.cli;

import io.lakehouse.cli.render.BootstrapReport;
import io.lakehouse.bootstrap.Bootstrap;
import io.lakehouse.bootstrap.BootstrapContext;
import io.lakehouse.runtime.ServiceState;
import io.lakehouse.runtime.StackRuntime;
import io.lakehouse.stack.ServiceCatalog;
import io.lakehouse.stack.ServiceDefinition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code lakehouse bootstrap}: the idempotent setup (namespaces, topics); also run at the end of {@code up}. */
@Command(name = "bootstrap", mixinStandardHelpOptions = true,
        description = "Create what the platform needs and is missing: the Iceberg namespaces bronze, silver, gold, "
                + "marts, the Kafka topics, the serving store's keyspace and tables, and Superset's Trino connection and "
                + "dashboard. Safe to run any number of times; "
                + "says what it created.")
final class BootstrapCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;


    @Mixin
    StackOptions stack;

    @Parameters(arity = "0..*", paramLabel = "SERVICE", description = "Only what these services need "
            + "(default: every service that is healthy).")
    List<String> services = List.of();

    @Override
    public Integer call() throws Exception {
        ServiceCatalog catalog = stack.catalog();
        StackRuntime runtime = stack.runtime(catalog);
        // on the docker runtime, the toolbox container does the work, inside the compose network
        java.util.Optional<Integer> inToolbox = Toolbox.runInside(spec, runtime);
        if (inToolbox.isPresent()) {
            return inToolbox.get();
        }
        List<ServiceDefinition> asked = services.isEmpty() ? catalog.all()
                : services.stream().map(catalog::get).toList();
        List<String> healthy = runtime.status(asked).stream()
                .filter(s -> s.state() == ServiceState.HEALTHY).map(s -> s.service()).toList();
        List<String> notices = new java.util.ArrayList<>();
        PrintWriter out = spec.commandLine().getOut();
        BootstrapReport.print(out, Bootstrap.standard(new BootstrapContext(runtime.kind(), stack.layout(), notices::add))
                .apply(runtime.endpoints(), healthy));
        notices.forEach(out::println);
        return ExitCodes.OK;
    }
}
