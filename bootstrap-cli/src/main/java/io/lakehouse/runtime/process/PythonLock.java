package io.lakehouse.runtime.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A Python application's lock ({@code requirements.lock} beside its {@code requirements.txt}): every transitive
 * package pinned and hashed by uv, so an install resolves nothing and a new release upstream changes nothing. Its
 * first line holds the sha256 of the rendered requirements it was locked from (the pins after Maven put the root
 * pom's versions in), so a changed pin without a new lock is caught, with the command that re-locks.
 */
public record PythonLock(Path file) {
    public static final String FILE = "requirements.lock";
    public static final String REQUIREMENTS = "requirements.txt";
    public static final String REGENERATE = "./lakehouse python-lock";
    /** The lowest Python the locks are resolved for: bookworm's 3.11.2 in the images, 3.11+ on hosts. */
    static final String PYTHON = "3.11";
    private static final Pattern HEADER = Pattern.compile("\\A# locked from requirements\\.txt sha256:([0-9a-f]{64})");

    public PythonLock {
        requireNonNull(file, "file");
    }

    /** The lock of a service folder. */
    public static PythonLock of(Path distribution) {
        return new PythonLock(distribution.resolve(FILE));
    }

    /** The line a lock begins with, for these rendered requirements. */
    public static String header(String requirements) {
        return "# locked from requirements.txt sha256:" + sha256(requirements) + " (re-lock: " + REGENERATE + ")\n";
    }

    /** Whether this lock was made from exactly these rendered requirements. */
    public boolean fits(String requirements) throws IOException {
        Matcher m = HEADER.matcher(Files.readString(file));
        return m.find() && m.group(1).equals(sha256(requirements));
    }

    /**
     * Locks {@code requirements} (rendered) into this file with uv, the pins it holds kept unless {@code upgrade},
     * and puts the header first that ties it to them.
     */
    public void relock(Uv uv, Path requirements, boolean upgrade, Path log) throws IOException, InterruptedException {
        uv.compile(requirements, file, REGENERATE, upgrade, log);
        Files.writeString(file, header(Files.readString(requirements)) + Files.readString(file));
    }

    /** What keeps a service folder's lock from being installed (missing, or locked from other pins), with the fix. */
    public static Optional<String> problem(Path distribution) {
        Path requirements = distribution.resolve(REQUIREMENTS);
        PythonLock lock = of(distribution);
        try {
            if (!Files.isRegularFile(requirements) || !Files.isRegularFile(lock.file())) {
                return Optional.of(distribution + " has no " + REQUIREMENTS + " or " + FILE
                        + "; build it with './mvnw -q -pl services/" + distribution.getParent().getParent().getFileName()
                        + " package'");
            }
            if (!lock.fits(Files.readString(requirements))) {
                return Optional.of(lock.file() + " was locked from other requirements than " + requirements
                        + " (a pin or a version in pom.xml changed); re-lock with '" + REGENERATE + "'");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot read " + lock.file() + ": " + e.getMessage());
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
