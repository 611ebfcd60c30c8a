package io.lakehouse.stack;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * How a service runs as a plain process: the assembled service folder it runs from
 * ({@code services/<distribution>/target/dist}), its one-time init steps, the command, and extra environment.
 *
 * <p>A Python application ({@link #python}) has a {@code requirements.txt} in its service folder (pinned versions,
 * written by its Maven module from the root pom) and runs from a virtual environment made from it: the local
 * runtime creates it from PyPI on first start (and again when the requirements change), an image builds it in. Its
 * path is the variable {@code VENV_DIR}.
 */
public record LocalLaunch(String distribution, List<InitStep> initSteps, LaunchCommand command,
                          Map<String, String> environment, boolean pythonEnvironment) {
    public LocalLaunch {
        requireNonNull(distribution, "distribution");
        requireNonNull(command, "command");
        initSteps = List.copyOf(initSteps);
        environment = Map.copyOf(environment);
    }

    public LocalLaunch(String distribution, List<InitStep> initSteps, LaunchCommand command,
                       Map<String, String> environment) {
        this(distribution, initSteps, command, environment, false);
    }

    /** A Python application run from the virtual environment {@code VENV_DIR} made from its requirements. */
    public static LocalLaunch python(String distribution, List<InitStep> initSteps, LaunchCommand command,
                                     Map<String, String> environment) {
        return new LocalLaunch(distribution, initSteps, command, environment, true);
    }
}
