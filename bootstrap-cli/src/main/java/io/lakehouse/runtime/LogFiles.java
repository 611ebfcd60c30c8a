package io.lakehouse.runtime;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/** Reading service logs: the last lines, or following a file as it grows. */
public final class LogFiles {
    private LogFiles() {
    }

    public static List<String> tail(Path log, int lines) {
        if (!Files.isReadable(log)) {
            return List.of();
        }
        Deque<String> last = new ArrayDeque<>(lines);
        try (Stream<String> all = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            all.forEach(line -> {
                if (last.size() == lines) {
                    last.removeFirst();
                }
                last.addLast(line);
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of("(cannot read " + log + ": " + e.getMessage() + ")");
        }
        return List.copyOf(last);
    }

    /** Prints the last lines, then, while {@code keepGoing}, whatever is appended. */
    public static void follow(Path log, int lines, PrintWriter out, BooleanSupplier keepGoing)
            throws IOException, InterruptedException {
        tail(log, lines).forEach(out::println);
        long position = Files.exists(log) ? Files.size(log) : 0;
        byte[] buffer = new byte[8192];
        while (keepGoing.getAsBoolean()) {
            if (Files.exists(log)) {
                long size = Files.size(log);
                if (size < position) {
                    position = 0; // truncated or replaced
                }
                try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
                    file.seek(position);
                    int read;
                    while ((read = file.read(buffer)) > 0) {
                        out.print(new String(buffer, 0, read, StandardCharsets.UTF_8));
                        position += read;
                    }
                }
                out.flush();
            }
            Thread.sleep(300);
        }
    }
}
