package io.lakehouse.runtime.docker;

import io.lakehouse.runtime.FolderTree;
import io.lakehouse.runtime.process.Python;
import io.lakehouse.runtime.process.PythonLock;
import io.lakehouse.runtime.process.Uv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * The wheels a Python application's image installs from ({@code dist/wheels}), made here on the host with
 * {@code pip wheel --require-hashes} from the application's lock: the build itself never reaches PyPI (inside a
 * build only Debian's mirror is assumed reachable, and the host's pip cache makes a rebuild cheap). Made again when
 * the lock changes.
 *
 * <p>Beside the wheels, {@code dist/uv} holds the uv wheel at the version the root pom pins: the image installs the
 * lock with it (compose/python-venv.sh), and with pip where there is none.
 *
 * <p>A few packages are published as source only (Superset's wtforms-json and odfpy, the Spark Connect client): pip
 * checks their sources against the lock, then builds the wheels here, whose hashes no lock can know. The image
 * installs {@code wheels/requirements.lock}: the lock plus the hash of each wheel built here, so the build still
 * installs nothing unhashed.
 */
final class Wheelhouse {
    static final String LOCK = "requirements.lock";
    /** The folder of {@code dist} that holds the uv wheel the image build installs the lock with. */
    static final String UV = "uv";
    private static final String MARKER = ".requirements.lock";
    private static final Pattern HASH = Pattern.compile("--hash=sha256:([0-9a-f]{64})");

    private final Path dist;
    private final Consumer<String> progress;

    Wheelhouse(Path dist, Consumer<String> progress) {
        this.dist = requireNonNull(dist, "dist");
        this.progress = requireNonNull(progress, "progress");
    }

    void ensure() {
        PythonLock.problem(dist).ifPresent(problem -> {
            throw new ImageBuildException(problem, List.of());
        });
        Path lock = PythonLock.of(dist).file();
        Path wheels = dist.resolve("wheels");
        Path marker = wheels.resolve(MARKER);
        try {
            boolean wheelsReady = Files.isRegularFile(marker) && Files.readString(marker).equals(Files.readString(lock));
            boolean uvReady = hasUvWheel();
            if (wheelsReady && uvReady) {
                return;
            }
            Python.Result python = Python.forImages();
            Python interpreter = python.python().orElseThrow(() -> new ImageBuildException(
                    "the wheels for " + dist + " need Python on the host: " + python.problem(), List.of()));
            if (!uvReady) {
                downloadUv(interpreter);
            }
            if (wheelsReady) {
                return;
            }
            progress.accept("wheels for " + dist.getParent().getParent().getFileName()
                    + ": pip wheel from the lock (first time: a minute or more)");
            FolderTree.delete(wheels); // the wheels of an older lock would be hashed below as if built from this one
            Files.createDirectories(wheels);
            DockerCli.Result result = DockerCli.exec(1800, List.of(interpreter.executable().toString(), "-m", "pip",
                    "wheel", "--disable-pip-version-check", "--no-input", "--progress-bar", "off",
                    "--require-hashes", "-r", lock.toString(), "-w", wheels.toString()), line -> { });
            if (!result.ok()) {
                throw new ImageBuildException("pip wheel for " + dist + " failed: " + result.lastLine(),
                        result.tail(15));
            }
            Files.writeString(wheels.resolve(LOCK), withBuiltWheels(Files.readString(lock), wheels));
            Files.copy(lock, marker);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the wheels in " + wheels, e);
        }
    }

    private boolean hasUvWheel() throws IOException {
        Path uv = dist.resolve(UV);
        if (!Files.isDirectory(uv)) {
            return false;
        }
        try (Stream<Path> files = Files.list(uv)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("uv-" + Uv.version() + "-"));
        }
    }

    /**
     * The uv wheel at the pinned version into {@code dist/uv}, for compose/python-venv.sh to install the lock with
     * (seconds, where pip takes a minute). Where PyPI has no uv wheel for this machine, the image installs with pip:
     * said once, not an error.
     */
    private void downloadUv(Python interpreter) throws IOException {
        Path uv = dist.resolve(UV);
        FolderTree.delete(uv);
        Files.createDirectories(uv);
        DockerCli.Result result = DockerCli.exec(300, List.of(interpreter.executable().toString(), "-m", "pip",
                "download", "--disable-pip-version-check", "--no-input", "--progress-bar", "off", "--no-deps",
                "--only-binary", ":all:", "uv==" + Uv.version(), "-d", uv.toString()), line -> { });
        if (!result.ok()) {
            FolderTree.delete(uv);
            progress.accept("uv " + Uv.version() + " wheel not available (" + result.lastLine()
                    + "); the image installs its Python packages with pip (slower, the same lock)");
        }
    }

    /** The lock with the hash of every wheel in {@code wheels} it does not know added to that wheel's pin. */
    static String withBuiltWheels(String lock, Path wheels) throws IOException {
        List<String> known = HASH.matcher(lock).results().map(m -> m.group(1)).toList();
        List<String> lines = new ArrayList<>(lock.lines().toList());
        try (Stream<Path> files = Files.list(wheels)) {
            for (Path wheel : files.filter(f -> f.toString().endsWith(".whl")).sorted().toList()) {
                String hash = sha256(wheel);
                if (known.contains(hash)) {
                    continue;
                }
                // a wheel's file name begins name-version-, the name with '_' for '-' and '.' (PEP 427)
                String[] parts = wheel.getFileName().toString().split("-");
                String pin = parts[0].toLowerCase(Locale.ROOT).replaceAll("[_.]+", "-") + "==" + parts[1];
                int at = indexOfPin(lines, pin);
                if (at < 0) {
                    throw new ImageBuildException("the wheel " + wheel.getFileName() + " built from the lock matches"
                            + " no pin in it (" + pin + ")", List.of());
                }
                lines.add(at + 1, "    --hash=sha256:" + hash + " \\");
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static int indexOfPin(List<String> lines, String pin) {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).toLowerCase(Locale.ROOT);
            if (line.startsWith(pin + " ") || line.equals(pin)) {
                return i;
            }
        }
        return -1;
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
