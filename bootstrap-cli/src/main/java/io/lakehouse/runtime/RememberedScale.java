package io.lakehouse.runtime;

import io.lakehouse.stack.ScaleSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The scale a state directory's stack was started with ({@code <state dir>/scale}, e.g.
 * {@code datanode=3,kafka=3}), so that {@code status}, {@code down}, {@code seed} and the next {@code up} act on the
 * instances that exist. No file, or an empty one: the standard scale.
 */
public final class RememberedScale {
    private RememberedScale() {
    }

    public static Path file(StackLayout layout) {
        return layout.stateDir().resolve("scale");
    }

    public static ScaleSpec read(StackLayout layout) {
        return raw(layout).map(ScaleSpec::parse).orElse(ScaleSpec.STANDARD);
    }

    /** The file's text as written, or empty without one: to put back after a refused {@code up}. */
    public static Optional<String> raw(StackLayout layout) {
        Path file = file(layout);
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim())
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the stack's scale " + file, e);
        }
    }

    public static void write(StackLayout layout, ScaleSpec scale) {
        restore(layout, Optional.of(scale.toString()));
    }

    /** Puts back what {@link #raw} read: the file with that text, or no file. */
    public static void restore(StackLayout layout, Optional<String> text) {
        Path file = file(layout);
        try {
            if (text.isEmpty()) {
                Files.deleteIfExists(file);
                return;
            }
            Files.createDirectories(layout.stateDir());
            Files.writeString(file, text.get() + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the stack's scale " + file, e);
        }
    }
}
