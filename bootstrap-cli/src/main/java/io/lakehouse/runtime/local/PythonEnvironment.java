package io.lakehouse.runtime.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * A Python application's virtual environment, made by the CLI from the pinned {@code requirements.txt} of its
 * service folder, with packages from PyPI only (nothing is installed globally). It is made once and kept; a marker
 * file holds the requirements it was made from, so a version bump (a new requirements file) makes it again, and an
 * interrupted install (no marker) is started over. Two CLIs making the same one wait for each other (a file lock).
 */
public final class PythonEnvironment {
    static final String MARKER = ".lakehouse-requirements.txt";
    private final Path requirements;
    private final Path venv;

    public PythonEnvironment(Path requirements, Path venv) {
        this.requirements = requireNonNull(requirements, "requirements");
        this.venv = requireNonNull(venv, "venv");
    }

    public Path venv() {
        return venv;
    }

    /** Made from the current requirements and complete. */
    public boolean ready() {
        try {
            Path marker = venv.resolve(MARKER);
            return Files.isRegularFile(marker) && Files.isRegularFile(requirements)
                    && Files.readString(marker).equals(Files.readString(requirements));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Makes the environment unless it is ready: {@code python -m venv}, then {@code pip install -r}, its output
     * appended to {@code log}, each package pip starts on reported to {@code progress}.
     *
     * @throws IOException with pip's last lines when the install fails
     */
    public void ensure(Python python, Path log, Consumer<String> progress) throws IOException, InterruptedException {
        Files.createDirectories(venv.getParent());
        Path lockFile = venv.resolveSibling(venv.getFileName() + ".lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            if (ready()) {
                return;
            }
            deleteRecursively(venv);
            long began = System.nanoTime();
            progress.accept("making its Python environment (first time: packages from PyPI, a minute or more)");
            run(List.of(python.executable().toString(), "-m", "venv", venv.toString()), log, line -> { });
            run(List.of(venv.resolve("bin/python").toString(), "-m", "pip", "install",
                    "--disable-pip-version-check", "--no-input", "--progress-bar", "off",
                    "-r", requirements.toString()), log, line -> {
                if (line.startsWith("Collecting ") || line.startsWith("Installing collected packages")) {
                    progress.accept("pip: " + shorten(line));
                }
            });
            Files.writeString(venv.resolve(MARKER), Files.readString(requirements), StandardCharsets.UTF_8);
            progress.accept(String.format("Python environment ready in %.0f s (%s)",
                    (System.nanoTime() - began) / 1e9, venv));
        }
    }

    private static void run(List<String> command, Path log, Consumer<String> lines)
            throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> tail = new ArrayList<>();
        try (var reader = process.inputReader(StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                lines.accept(line);
                tail.add(line);
                if (tail.size() > 8) {
                    tail.remove(0);
                }
            }
        }
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command.subList(0, Math.min(4, command.size())))
                    + " failed (exit " + process.exitValue() + "): " + String.join(" | ", tail));
        }
    }

    private static String shorten(String line) {
        return line.length() > 70 ? line.substring(0, 69) + "…" : line;
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the old environment " + root, e);
        }
    }

    /** The requirements file of a service folder. */
    public static Optional<Path> requirementsOf(Path distribution) {
        Path file = distribution.resolve("requirements.txt");
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }
}
