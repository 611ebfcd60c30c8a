package io.lakehouse.runtime.process;

import io.lakehouse.runtime.BoundedCommand;


import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Python interpreter the Python applications' virtual environments are made with: {@code LAKEHOUSE_PYTHON} if
 * set, else {@code python3} on the PATH; at least 3.11 (what the applications' locks are resolved for), with the
 * {@code venv} module (Debian splits it into {@code python3-venv}).
 */
public record Python(Path executable, String version) {
    static final int MIN_MINOR = Integer.parseInt(PythonLock.PYTHON.substring(2));
    private static final Pattern VERSION = Pattern.compile("Python (3)\\.(\\d+)\\.(\\d+)");

    /** The interpreter to use, or why there is none, with the fix. */
    public static Result find() {
        return check(Optional.ofNullable(System.getenv("LAKEHOUSE_PYTHON")).filter(s -> !s.isBlank())
                .orElse("python3"));
    }

    private static Result check(String chosen) {
        String fix = "install it (Debian: 'sudo apt-get install python3 python3-venv') or set LAKEHOUSE_PYTHON to a "
                + "Python 3." + MIN_MINOR + "+ interpreter";
        Optional<String> version = run(List.of(chosen, "--version"));
        if (version.isEmpty()) {
            return new Result(Optional.empty(), "no Python interpreter '" + chosen + "' found; " + fix);
        }
        Matcher m = VERSION.matcher(version.get());
        if (!m.find() || Integer.parseInt(m.group(2)) < MIN_MINOR) {
            return new Result(Optional.empty(), "'" + chosen + "' is " + version.get().strip() + ", Python 3."
                    + MIN_MINOR + "+ is needed; " + fix);
        }
        if (run(List.of(chosen, "-c", "import venv, ensurepip")).isEmpty()) {
            return new Result(Optional.empty(), "'" + chosen + "' (" + version.get().strip()
                    + ") has no venv/ensurepip module; install python3-venv (Debian) or set LAKEHOUSE_PYTHON");
        }
        return new Result(Optional.of(new Python(Path.of(chosen), m.group(0).substring(7))), "");
    }

    /**
     * The interpreter the images' wheels are made with. The images run Debian's Python (bookworm: 3.11.2), and pip
     * picks each package's newest release whose Requires-Python the interpreter meets, so a newer host Python (a
     * pyenv 3.11.7) can choose wheels the image's Python refuses. Debian's own {@code /usr/bin/python3} is preferred
     * where it exists ({@code LAKEHOUSE_IMAGE_PYTHON} overrides); otherwise the one {@link #find()} finds.
     */
    public static Result forImages() {
        String chosen = Optional.ofNullable(System.getenv("LAKEHOUSE_IMAGE_PYTHON")).filter(s -> !s.isBlank())
                .orElse("/usr/bin/python3");
        Result debian = check(chosen);
        return debian.python().isPresent() ? debian : find();
    }

    private static Optional<String> run(List<String> command) {
        try {
            BoundedCommand.Result result = BoundedCommand.run(java.time.Duration.ofSeconds(30), command);
            return result.ok() ? Optional.of(result.output()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** A usable interpreter, or the reason there is none. */
    public record Result(Optional<Python> python, String problem) {
    }
}
