package io.lakehouse.runtime.process;


import io.lakehouse.runtime.LogSource;
import io.lakehouse.runtime.ServiceFailure;
import io.lakehouse.runtime.ServiceStartException;
import io.lakehouse.runtime.StackEvent;
import io.lakehouse.runtime.StackEvent.Phase;
import io.lakehouse.runtime.StackListener;
import io.lakehouse.runtime.TemplateRenderer;
import io.lakehouse.stack.InitStep;
import io.lakehouse.stack.ServiceDefinition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Everything before a service process starts, shared by the local runtime and the container entrypoint: render the
 * config templates, create the data folder, run the one-time init steps not yet marked done, and resolve the
 * service's command line. The same code runs on the host and inside the project's images.
 */
public final class ServicePreparation {
    private final ServiceDefinition service;
    private final TemplateRenderer renderer;
    private final Path templates;
    private final Path confDir;
    private final Path dataDir;
    private final Optional<Path> log;
    private final JdkLocator jdks;
    private final ScratchDirectory scratch;

    /**
     * @param log     where init steps write their output; empty to inherit this process's output (in a container)
     * @param scratch the service's own temporary folder, emptied here before anything of the service runs
     */
    public ServicePreparation(ServiceDefinition service, Map<String, String> variables, Path templates, Path confDir,
                              Path dataDir, Optional<Path> log, JdkLocator jdks, ScratchDirectory scratch) {
        this.service = requireNonNull(service, "service");
        this.renderer = new TemplateRenderer(variables);
        this.templates = requireNonNull(templates, "templates");
        this.confDir = requireNonNull(confDir, "confDir");
        this.dataDir = requireNonNull(dataDir, "dataDir");
        this.log = requireNonNull(log, "log");
        this.jdks = requireNonNull(jdks, "jdks");
        this.scratch = requireNonNull(scratch, "scratch");
    }

    /** Renders config, runs pending init steps, and returns the command that runs the service. */
    public ResolvedCommand prepare(StackListener listener) throws ServiceStartException {
        return prepare(listener, step -> { });
    }

    /**
     * The same, telling {@code beforeStep} of each pending init step as it begins (in a container, the entrypoint's
     * status file says which phase runs, and since when, for the host's wait).
     */
    public ResolvedCommand prepare(StackListener listener, java.util.function.Consumer<InitStep> beforeStep)
            throws ServiceStartException {
        try {
            renderer.renderFolder(templates, confDir);
            Files.createDirectories(dataDir.resolve(".init"));
            scratch.empty();
        } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
            throw failure("cannot prepare config or data folders: " + e.getMessage());
        }
        Map<String, String> environment = environment();
        for (InitStep step : service.local().initSteps()) {
            runInitStep(step, environment, listener, beforeStep);
        }
        return command();
    }

    public ResolvedCommand command() {
        return ResolvedCommand.of(service.name(), service.local().command(), renderer, jdks);
    }

    public Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>();
        if (service.local().pythonEnvironment()) {
            // as the venv's 'activate' does: programs that start their siblings by name (airflow standalone runs
            // 'airflow scheduler', ...) find the venv's, not whatever else is on PATH
            String venv = renderer.render("${VENV_DIR}", "the virtual environment of " + service.name());
            environment.put("VIRTUAL_ENV", venv);
            String path = System.getenv("PATH");
            environment.put("PATH", venv + "/bin" + (path == null || path.isBlank() ? "" : ":" + path));
            environment.putAll(PythonEnvironment.START_ENVIRONMENT);
        }
        service.local().environment().forEach((k, v) -> environment.put(k, renderer.render(v, "environment")));
        // the scratch folder's option first: options a service sets itself come after it and win
        scratch.environment().forEach((k, v) -> environment.merge(k, v, (own, ours) -> ours + " " + own));
        return environment;
    }

    private void runInitStep(InitStep step, Map<String, String> environment, StackListener listener,
                             java.util.function.Consumer<InitStep> beforeStep) throws ServiceStartException {
        Path marker = dataDir.resolve(".init").resolve(step.id() + ".done");
        if (Files.exists(marker)) {
            return;
        }
        beforeStep.accept(step);
        listener.on(new StackEvent(service.name(), Phase.INITIALISING, step.description() + " (init step "
                + step.id() + ", budget " + step.budget().toSeconds() + " s)"));
        ResolvedCommand command = ResolvedCommand.of(service.name(), step.command(), renderer, jdks);
        int exit;
        try {
            Map<String, String> stepEnvironment = new java.util.HashMap<>(environment);
            step.environment().forEach((k, v) -> stepEnvironment.put(k, renderer.render(v, "init step " + step.id())));
            exit = ProcessLauncher.runToCompletion(command, stepEnvironment, dataDir, log,
                    step.budget().toSeconds());
        } catch (IOException e) {
            throw failure("init step '" + step.id() + "' could not start: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure("init step '" + step.id() + "' interrupted");
        }
        if (exit != 0) {
            throw failure(exit < 0
                    ? "phase init step '" + step.id() + "' ran out of its " + step.budget().toSeconds() + " s budget "
                            + "while it was to " + step.description() + "; it runs again on the next 'up'"
                    : "phase init step '" + step.id() + "' (" + step.description() + ") failed with exit code "
                            + exit + "; it runs again on the next 'up'");
        }
        try {
            Files.writeString(marker, Instant.now() + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw failure("cannot record init step '" + step.id() + "': " + e.getMessage());
        }
    }

    private ServiceStartException failure(String reason) {
        return new ServiceStartException(log.map(l -> ServiceFailure.withLog(service.name(), reason, LogSource.file(l)))
                .orElseGet(() -> new ServiceFailure(service.name(), reason, Optional.empty(), Optional.empty(),
                        java.util.List.of())));
    }
}
