package io.lakehouse.runtime.process;

import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/** A Java installation found on this machine: its home, feature release (17, 25, ...) and full version. */
public record Jdk(Path home, int feature, String version) {
    public Jdk {
        requireNonNull(home, "home");
        requireNonNull(version, "version");
    }

    public Path java() {
        return home.resolve("bin").resolve("java");
    }
}
