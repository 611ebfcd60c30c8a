package io.lakehouse.runtime.process;

import io.lakehouse.runtime.FolderTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * A Python application's virtual environment, made by the CLI from the lock of its service folder
 * ({@link PythonLock}: every package pinned and hashed), with packages from PyPI only (nothing is installed
 * globally): uv installs it, pip where uv cannot be had. It is made once and kept; a marker file holds the lock it
 * was made from, so a new lock (a version bump) makes it again, and an interrupted install (no marker) is started
 * over. Two CLIs making the same one wait for each other (a file lock).
 */
public final class PythonEnvironment {
    static final String MARKER = ".lakehouse-requirements.lock";
    /**
     * The marker's first line: how the environment was made. Its packages are installed without compiling their
     * modules; the application's first start writes the bytecode of the modules it imports, into the environment
     * ({@link #START_ENVIRONMENT}), and every later start reads it. Compiling every module at install (uv's
     * {@code --compile-bytecode}, sessions 14-19) took about 30 s of CPU for Superset's environment alone, on the
     * first {@code up}'s critical path beside the JVMs: with the three environments to make, all 16 services were
     * healthy after 143.8 s with it and 94.9 s without it (2026-12-07, one local stack, the same machine minutes
     * apart); a restart afterwards took 78.9-99.9 s, as with everything compiled (74-96 s).
     */
    static final String MADE_WITH = "# made by lakehouse: packages installed, their bytecode written by the first start\n";
    /** An environment made while every module was compiled at install: as ready. */
    static final String MADE_COMPILED = "# made by lakehouse: packages installed with their bytecode compiled\n";
    /**
     * What an application started from its environment runs with: bytecode written where the modules are (the
     * environment's own folder). Without it, where PYTHONDONTWRITEBYTECODE is set (this machine and its CI), each
     * start would compile every module it imports in each of its processes (Airflow runs five) and keep nothing:
     * Airflow alone took 22.9-27.0 s to become healthy that way, 12.3-13.5 s reading bytecode (session 14).
     */
    public static final java.util.Map<String, String> START_ENVIRONMENT = java.util.Map.of("PYTHONDONTWRITEBYTECODE", "");
    private final Path lock;
    private final Path venv;

    public PythonEnvironment(Path lock, Path venv) {
        this.lock = requireNonNull(lock, "lock");
        this.venv = requireNonNull(venv, "venv");
    }

    public Path venv() {
        return venv;
    }

    /** Made from the current lock and complete. */
    public boolean ready() {
        try {
            Path marker = venv.resolve(MARKER);
            if (!Files.isRegularFile(marker) || !Files.isRegularFile(lock)) {
                return false;
            }
            String made = Files.readString(marker);
            String locked = Files.readString(lock);
            return made.equals(MADE_WITH + locked) || made.equals(MADE_COMPILED + locked);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Makes the environment unless it is ready: {@code uv venv}, then the lock installed with uv (from {@code tools},
     * see {@link Uv#obtain}), or without uv {@code python -m venv} and {@code pip install --require-hashes}; the tools' output
     * appended to {@code log}, what they are at reported to {@code progress}.
     *
     * @throws IOException with the installer's last lines when the install fails
     */
    public void ensure(Python python, Path tools, Path log, Consumer<String> progress)
            throws IOException, InterruptedException {
        Files.createDirectories(venv.getParent());
        Path lockFile = venv.resolveSibling(venv.getFileName() + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            if (ready()) {
                return;
            }
            try {
                FolderTree.delete(venv);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the old environment " + venv, e);
            }
            long began = System.nanoTime();
            progress.accept("making its Python environment (first time: packages from PyPI)");
            Path interpreter = venv.resolve("bin/python");
            // uv first: it makes the venv itself in a fraction of a second, where 'python -m venv' spends seconds of
            // CPU installing pip (ensurepip) on a machine busy starting the rest of the stack; the environment then
            // holds its lock and nothing else (an application that wants pip, Jupyter's, has it in its lock)
            Optional<Uv> uv = Uv.obtain(python, tools, log, progress);
            if (uv.isPresent()) {
                uv.get().createVenv(python, venv, log);
                uv.get().install(interpreter, lock, log, progress);
            } else {
                LoggedCommand.run(List.of(python.executable().toString(), "-m", "venv", venv.toString()), Map.of(),
                        log, line -> { });
                LoggedCommand.run(List.of(interpreter.toString(), "-m", "pip", "install",
                        "--disable-pip-version-check", "--no-input", "--progress-bar", "off", "--require-hashes",
                        "--no-compile", "-r", lock.toString()), Map.of(), log, line -> {
                    if (line.startsWith("Collecting ") || line.startsWith("Installing collected packages")) {
                        progress.accept("pip: " + shorten(line));
                    }
                });
            }
            Files.writeString(venv.resolve(MARKER), MADE_WITH + Files.readString(lock), StandardCharsets.UTF_8);
            progress.accept(String.format("Python environment ready in %.0f s (%s, %s)",
                    (System.nanoTime() - began) / 1e9, uv.isPresent() ? "uv" : "pip", venv));
        }
    }

    private static String shorten(String line) {
        return line.length() > 70 ? line.substring(0, 69) + "…" : line;
    }
}
