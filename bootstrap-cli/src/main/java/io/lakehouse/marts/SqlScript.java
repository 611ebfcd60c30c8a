package io.lakehouse.marts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The statements of a mart file: whole-line {@code --} comments dropped, split at semicolons that end a line. */
public final class SqlScript {
    private SqlScript() {
    }

    public static List<String> statements(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static List<String> parse(String text) {
        String withoutComments = text.lines().filter(line -> !line.strip().startsWith("--"))
                .collect(Collectors.joining("\n"));
        return Arrays.stream(withoutComments.split(";\\s*(\\n|$)")).map(String::strip).filter(s -> !s.isEmpty())
                .toList();
    }
}
