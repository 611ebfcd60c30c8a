package io.lakehouse.stack;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * How a service runs as a plain process: the assembled service folder it runs from
 * ({@code services/<distribution>/target/dist}), its one-time init steps, the command, and extra environment.
 */
public record LocalLaunch(String distribution, List<InitStep> initSteps, LaunchCommand command,
                          Map<String, String> environment) {
    public LocalLaunch {
        requireNonNull(distribution, "distribution");
        requireNonNull(command, "command");
        initSteps = List.copyOf(initSteps);
        environment = Map.copyOf(environment);
    }
}
