package io.lakehouse.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The pinned versions: the root pom.xml's {@code <name>.version} properties, written into the CLI at build time
 * (bootstrap-cli's pom, {@code write-project-properties}); {@code of("kafka")} is {@code kafka.version}. Adding a
 * product's version is one line in the root pom, nothing else.
 */
public final class Versions {
    private final Properties properties;

    private Versions(Properties properties) {
        this.properties = properties;
    }

    public static Versions pinned() {
        Properties properties = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/lakehouse/versions.properties")) {
            if (in == null) {
                throw new IllegalStateException("versions.properties missing from the CLI build");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Versions(properties);
    }

    public String of(String component) {
        String version = properties.getProperty(component + ".version");
        if (version == null || version.startsWith("${")) {
            throw new IllegalStateException("no pinned version for " + component + " (is the CLI built with Maven?)");
        }
        return version;
    }
}
