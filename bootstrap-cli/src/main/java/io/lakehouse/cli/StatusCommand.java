package io.lakehouse.cli;

import io.lakehouse.cli.render.StatusView;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lakehouse.runtime.ServiceState;
import io.lakehouse.runtime.ServiceStatus;
import io.lakehouse.runtime.StackRuntime;
import io.lakehouse.stack.ServiceCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code lakehouse status}: each service's runtime, pid or container, ports, health and log. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show each service: runtime, pid or container, ports, healthy/unhealthy/stopped, log. "
                + "Exit code 5 when any listed service is not healthy.")
final class StatusCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;


    @Mixin
    StackOptions stack;

    @Option(names = "--json", description = "Machine-readable output.")
    boolean json;

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Services to show (default: all).")
    List<String> services = List.of();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ServiceCatalog catalog = stack.catalog();
        StackRuntime runtime = stack.runtime(catalog);
        List<ServiceStatus> statuses = runtime.status(
                services.isEmpty() ? catalog.all() : services.stream().map(catalog::get).toList());
        if (json) {
            out.println(JSON.writeValueAsString(StatusView.toJson(statuses)));
        } else {
            out.print(StatusView.render(statuses));
            out.print(StatusView.webUis(statuses, catalog, stack.layout().secretsFile().toString()));
            out.println("Marts: served by " + io.lakehouse.marts.Marts.of(stack.layout().home(), runtime.endpoints(),
                    stack.environment()).servedBy() + ".");
        }
        out.flush();
        return statuses.stream().allMatch(s -> s.state() == ServiceState.HEALTHY) ? ExitCodes.OK
                : ExitCodes.NOT_HEALTHY;
    }
}
