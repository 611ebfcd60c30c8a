package io.lakehouse.runtime.process;

import io.lakehouse.stack.Versions;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * uv at the version the root pom pins, in a tool venv of its own ({@code <tools>/uv-<version>}, installed from PyPI
 * with pip once and reused), run with this machine's pip settings. It locks the Python applications
 * ({@code pip compile}) and installs their locks, in seconds where pip takes a minute or more.
 */
public final class Uv {
    private static final String MARKER = ".lakehouse-uv";
    // what uv says while it installs: enough to show it moving, one line each
    private static final Set<String> PROGRESS = Set.of("Resolved", "Downloading", "Building", "Prepared", "Installed");

    private final Path executable;
    private final PipConfig pip;

    Uv(Path executable, PipConfig pip) {
        this.executable = requireNonNull(executable, "executable");
        this.pip = requireNonNull(pip, "pip");
    }

    public static String version() {
        return Versions.pinned().of("uv");
    }

    /**
     * uv from its tool venv under {@code tools}, made first when missing (two CLIs wait for each other on a file
     * lock; two threads of one CLI, on this class: a JVM holds a file lock once, a second attempt throws); empty when
     * it cannot be had (no uv wheel for this platform, PyPI refused it): the reason goes to the log and to
     * {@code progress}, and the caller installs with pip instead.
     */
    public static synchronized Optional<Uv> obtain(Python python, Path tools, Path log, Consumer<String> progress)
            throws IOException, InterruptedException {
        Path venv = tools.resolve("uv-" + version());
        try {
            Files.createDirectories(tools);
            try (FileChannel channel = FileChannel.open(tools.resolve("uv-" + version() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                if (!Files.isRegularFile(venv.resolve(MARKER))) {
                    progress.accept("installing uv " + version() + " (PyPI)");
                    LoggedCommand.run(List.of(python.executable().toString(), "-m", "venv", "--clear",
                            venv.toString()), Map.of(), log, line -> { });
                    LoggedCommand.run(List.of(venv.resolve("bin/python").toString(), "-m", "pip", "install",
                            "--disable-pip-version-check", "--no-input", "--progress-bar", "off",
                            "uv==" + version()), Map.of(), log, line -> { });
                    Files.writeString(venv.resolve(MARKER), version(), StandardCharsets.UTF_8);
                }
            }
            return Optional.of(new Uv(venv.resolve("bin/uv"), PipConfig.read(venv.resolve("bin/python"))));
        } catch (IOException e) {
            String reason = "uv " + version() + " unavailable (" + e.getMessage() + "); installing with pip";
            Files.writeString(log, reason + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            progress.accept(reason);
            return Optional.empty();
        }
    }

    /**
     * Makes an empty venv at {@code venv} for {@code python}'s interpreter (no pip, no setuptools: what it holds comes
     * from its lock). Nothing is downloaded.
     */
    public void createVenv(Python python, Path venv, Path log) throws IOException, InterruptedException {
        List<String> command = List.of(executable.toString(), "venv", "--no-config", "--no-python-downloads", "--python",
                python.executable().toString(), venv.toString());
        LoggedCommand.run(command, pip.uvEnvironment(), log, line -> { });
    }

    /**
     * Installs {@code lock} (every package pinned and hashed) into the venv of {@code python}, exactly: uv's
     * {@code pip sync}, which takes the lock as complete and resolves nothing (Superset's lock into an empty venv,
     * quiet machine, two runs each: 1.0-1.5 s against 4.7-5.5 s with {@code pip install -r}, which resolved it again).
     * Its modules are not compiled ({@link PythonEnvironment#MADE_WITH} says why).
     */
    public void install(Path python, Path lock, Path log, Consumer<String> progress)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "pip", "sync", "--python",
                python.toString(), "--require-hashes", "--no-progress", lock.toString()));
        command.addAll(pip.uvArguments());
        LoggedCommand.run(command, pip.uvEnvironment(), log, line -> {
            if (PROGRESS.contains(line.strip().split(" ", 2)[0])) {
                progress.accept("uv: " + line.strip());
            }
        });
    }

    /**
     * Locks {@code requirements} into {@code lock}: every transitive package pinned and hashed, for any platform
     * (universal) on Python 3.11 and later, the pins an existing lock holds kept unless {@code upgrade}.
     */
    public void compile(Path requirements, Path lock, String regenerate, boolean upgrade, Path log)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "pip", "compile", "--universal",
                "--generate-hashes", "--python-version", PythonLock.PYTHON, "--no-progress",
                "--custom-compile-command", regenerate, "-o", lock.toString(), requirements.toString()));
        if (upgrade) {
            command.add("--upgrade");
        }
        command.addAll(pip.uvArguments());
        LoggedCommand.run(command, pip.uvEnvironment(), log, line -> { });
    }
}
