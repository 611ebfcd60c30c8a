package io.lakehouse.cli;

import io.lakehouse.cli.render.ProgressDisplay;
import io.lakehouse.runtime.StackRuntime;
import io.lakehouse.runtime.docker.ComposeFile;
import io.lakehouse.runtime.docker.DockerRuntime;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The commands that move data run inside the compose network on the docker runtime: the host's CLI hands its own
 * arguments to the CLI in the toolbox container, which reaches every service by its compose name (no host-side HDFS
 * client, no /etc/hosts line). Progress, output and the exit code come back as they are.
 */
final class Toolbox {
    private static final List<String> OWN_OPTIONS = List.of("--state-dir", "--runtime");

    private Toolbox() {
    }

    /** The exit code of the command run in the toolbox; empty where it runs here (local runtime, or in the toolbox). */
    /** Whether this CLI runs in the toolbox container (a data command the host's CLI handed over). */
    static boolean insideTheStack(StackRuntime runtime) {
        return runtime instanceof DockerRuntime docker && docker.insideTheStack();
    }

    static Optional<Integer> runInside(CommandSpec spec, StackRuntime runtime) {
        return run(spec, runtime, false);
    }

    /**
     * The same, for a command whose arguments name files on the host ({@code load}): each argument that is an
     * existing path becomes the path where the toolbox sees it. The repository is mounted already; any other file's
     * folder is mounted read-only at {@code /mnt/host/N}.
     */
    static Optional<Integer> runInsideWithFiles(CommandSpec spec, StackRuntime runtime) {
        return run(spec, runtime, true);
    }

    /**
     * The exit code of a command the host's CLI chose to run in the toolbox ({@code up} runs {@code bootstrap} there
     * for the services it started); empty where it runs here.
     */
    static Optional<Integer> runInside(CommandSpec spec, StackRuntime runtime, List<String> arguments) {
        if (!(runtime instanceof DockerRuntime docker) || docker.insideTheStack()) {
            return Optional.empty();
        }
        return Optional.of(runIn(docker, spec, arguments, Map.of(), String.join(" ", arguments.subList(0, 1))));
    }

    private static Optional<Integer> run(CommandSpec spec, StackRuntime runtime, boolean files) {
        if (!(runtime instanceof DockerRuntime docker) || docker.insideTheStack()) {
            return Optional.empty();
        }
        List<String> arguments = new ArrayList<>();
        Map<Path, String> mounts = new LinkedHashMap<>();
        Path home = docker.layout().home().toAbsolutePath().normalize();
        for (String argument : withoutOwnOptions(spec.root().commandLine().getParseResult().originalArgs())) {
            arguments.add(files ? seenInside(argument, home, mounts) : argument);
        }
        return Optional.of(runIn(docker, spec, arguments, mounts, spec.qualifiedName(" ").replaceFirst("^lakehouse ", "")));
    }

    private static int runIn(DockerRuntime docker, CommandSpec spec, List<String> arguments, Map<Path, String> mounts,
                             String command) {
        List<String> inside = new ArrayList<>(arguments);
        inside.addAll(List.of("--state-dir", ComposeFile.TOOLBOX_STATE_DIR, "--runtime", "docker"));
        // no TTY in the toolbox (-T): told that the host's output is a terminal, its progress updates in place
        Map<String, String> variables = ProgressDisplay.isTerminal()
                ? Map.of(ProgressDisplay.TERMINAL_VARIABLE, "1") : Map.of();
        int exit = docker.runInToolbox(inside, mounts, variables, spec.commandLine().getOut(),
                spec.commandLine().getErr());
        return interpret(exit, command, spec.commandLine().getErr());
    }

    /**
     * The toolbox's exit code as the host's: the CLI's own codes pass through; a container stopped by a signal
     * (killed, or the engine going away) ends with a line that says so and exit {@value ExitCodes#START_FAILED},
     * since the stack, not the command, failed. What the command committed stays; running it again continues
     * (seed resumes at its first unfinished stage).
     */
    static int interpret(int exit, String command, java.io.PrintWriter err) {
        if (exit < 128) {
            return exit;
        }
        err.println("lakehouse: the toolbox container running '" + command + "' was stopped before it finished "
                + "(exit " + exit + (exit > 128 && exit < 160 ? ", signal " + (exit - 128) : "") + "). Nothing "
                + "committed is lost: run '" + command + "' again and it continues"
                + (command.startsWith("seed") ? " from the first unfinished stage" : "") + ".");
        err.flush();
        return ExitCodes.START_FAILED;
    }

    /** An argument as the toolbox must see it: a host path mapped into the container, anything else unchanged. */
    static String seenInside(String argument, Path home, Map<Path, String> mounts) {
        int equals = argument.startsWith("-") ? argument.indexOf('=') : -1;
        String prefix = equals < 0 ? "" : argument.substring(0, equals + 1);
        String value = argument.substring(prefix.length());
        if (value.isEmpty() || (equals < 0 && value.startsWith("-"))) {
            return argument;
        }
        Path path;
        try {
            path = Path.of(value).toAbsolutePath().normalize();
        } catch (java.nio.file.InvalidPathException e) {
            return argument;
        }
        if (!Files.exists(path)) {
            return argument;
        }
        if (path.startsWith(home)) {
            return prefix + ComposeFile.TOOLBOX_HOME + "/" + home.relativize(path);
        }
        Path folder = Files.isDirectory(path) ? path : path.getParent();
        String mounted = mounts.computeIfAbsent(folder, f -> "/mnt/host/" + mounts.size());
        return prefix + (folder.equals(path) ? mounted : mounted + "/" + path.getFileName());
    }

    /** The arguments without those the toolbox sets itself (the state directory's path there, the runtime). */
    static List<String> withoutOwnOptions(List<String> original) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < original.size(); i++) {
            String argument = original.get(i);
            if (OWN_OPTIONS.contains(argument)) {
                i++;
            } else if (OWN_OPTIONS.stream().noneMatch(option -> argument.startsWith(option + "="))) {
                kept.add(argument);
            }
        }
        return kept;
    }
}
