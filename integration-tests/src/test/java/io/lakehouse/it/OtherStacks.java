package io.lakehouse.it;

import io.lakehouse.runtime.StackLayout;
import io.lakehouse.runtime.docker.DockerEngine;
import io.lakehouse.runtime.local.LocalRuntime;
import io.lakehouse.stack.ServiceCatalog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The test stacks that must not run while another starts: the local test stack's processes (by its state
 * directory's records and command lines) and the test compose projects' containers. A stack starting beside another
 * fails at once, naming what still runs, instead of timing out later on two starved cores.
 */
final class OtherStacks {
    static final String COMPOSE_PROJECT_PREFIX = "lakehouse-it";

    private OtherStacks() {
    }

    /** Fails when anything of another test stack than {@code self} ({@link TestStacks}) still runs. */
    static void assertNoneRunningBesides(String self) {
        if (!self.equals(TestStacks.LOCAL)) {
            ImagePrebuild.awaitIfRunning(); // nor the images' build the local stack's tests ran beside
        }
        List<String> running = new ArrayList<>();
        if (!self.equals(TestStacks.LOCAL)) {
            running.addAll(localStackProcesses());
        }
        if (!self.equals(TestStacks.SCALED)) {
            running.addAll(processesOf(scaledStateDir()));
        }
        if (DockerEngine.answers()) {
            composeContainers().stream().filter(c -> !stackOf(c.split(" ")[0]).equals(self)).forEach(running::add);
        }
        if (!running.isEmpty()) {
            throw new IllegalStateException("the " + self + " test stack would start beside another test stack that "
                    + "still runs: " + String.join(", ", running) + ". Two stacks at once starve 2 cores; the "
                    + "failsafe executions of integration-tests/pom.xml run one stack at a time (stop the other: "
                    + "./lakehouse down with its state dir, or docker compose -p PROJECT down)");
        }
    }

    /** Processes of the local test stack: live records in its state directory and anything naming that directory. */
    static List<String> localStackProcesses() {
        return processesOf(Path.of(System.getProperty("lakehouse.it.stateDir")));
    }

    /** The scaled test stack's state directory ({@link ScaledStackIT}). */
    static Path scaledStateDir() {
        return Path.of(System.getProperty("lakehouse.it.scaledStateDir",
                Path.of(System.getProperty("lakehouse.it.stateDir")).resolveSibling("lakehouse-scaled-state").toString()));
    }

    /**
     * Processes of a local stack: live records in its state directory (every instance of the scale it remembers) and
     * anything naming that directory.
     */
    static List<String> processesOf(Path stateDir) {
        Path state = stateDir.toAbsolutePath().normalize();
        StackLayout layout = new StackLayout(Path.of(System.getProperty("lakehouse.home")), state);
        ServiceCatalog catalog = ServiceCatalog.standard().scaled(io.lakehouse.runtime.RememberedScale.read(layout));
        LocalRuntime runtime = new LocalRuntime(layout, catalog, name -> null);
        List<String> found = new ArrayList<>();
        catalog.all().forEach(s -> runtime.liveProcess(s).ifPresent(p -> found.add(s.name() + " pid " + p.pid())));
        long self = ProcessHandle.current().pid();
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            all.filter(h -> h.pid() != self)
                    .filter(h -> h.info().commandLine().map(line -> line.contains(state + "/")).orElse(false))
                    .forEach(h -> found.add("pid " + h.pid() + " (" + h.info().command().orElse("?") + ")"));
        }
        return found.stream().distinct().toList();
    }

    /** "project service" of every running container of a test compose project. */
    static List<String> composeContainers() {
        return org.testcontainers.DockerClientFactory.instance().client().listContainersCmd().exec().stream()
                .map(c -> c.getLabels() == null ? Map.<String, String>of() : c.getLabels())
                .filter(l -> l.getOrDefault("com.docker.compose.project", "").startsWith(COMPOSE_PROJECT_PREFIX))
                .map(l -> l.get("com.docker.compose.project") + " " + l.get("com.docker.compose.service"))
                .sorted().toList();
    }

    /**
     * The CLI tests' projects have fixed names ({@link DockerCliLifecycleIT}'s, {@link ScaledComposeIT}'s with a
     * suffix); Testcontainers adds a random suffix to the compose stack's.
     */
    private static String stackOf(String project) {
        return project.startsWith(DockerCliLifecycleIT.PROJECT) ? TestStacks.DOCKER_CLI : TestStacks.COMPOSE;
    }
}
