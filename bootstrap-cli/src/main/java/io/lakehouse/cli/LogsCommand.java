package io.lakehouse.cli;

import io.lakehouse.stack.ServiceCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/** {@code lakehouse logs SERVICE}: the service's log, last lines or followed. */
@Command(name = "logs", mixinStandardHelpOptions = true, description = "Show a service's log.")
final class LogsCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;


    @Mixin
    StackOptions stack;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service.")
    String service;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until interrupted.")
    boolean follow;

    @Option(names = {"-n", "--lines"}, defaultValue = "100", description = "Lines to show first (default: ${DEFAULT-VALUE}).")
    int lines;

    @Override
    public Integer call() {
        ServiceCatalog catalog = stack.catalog();
        stack.runtime(catalog).logs(catalog.get(service), lines, follow, spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
