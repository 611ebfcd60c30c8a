package io.lakehouse.runtime.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The Debian mirror {@code debootstrap} makes the base images from: {@code LAKEHOUSE_DEBIAN_MIRROR} where set, else
 * the first Debian archive this machine's own APT configuration names (deb822 {@code URIs:} lines of
 * {@code /etc/apt/sources.list.d/*.sources}, then {@code deb} lines of {@code /etc/apt/sources.list}), never a host
 * written into the code. The security archive is not a full mirror, so it is passed over.
 */
final class DebianMirror {
    static final String VARIABLE = "LAKEHOUSE_DEBIAN_MIRROR";

    private DebianMirror() {
    }

    static Optional<String> find(Function<String, String> env, Path aptDir) {
        String given = env.apply(VARIABLE);
        if (given != null && !given.isBlank()) {
            return Optional.of(given.trim());
        }
        return configured(aptDir).stream().filter(uri -> !uri.contains("security")).findFirst();
    }

    /** Every archive URI in the APT configuration under {@code aptDir} ({@code /etc/apt}), in the order APT reads them. */
    static List<String> configured(Path aptDir) {
        List<String> uris = new ArrayList<>();
        Path parts = aptDir.resolve("sources.list.d");
        if (Files.isDirectory(parts)) {
            try (Stream<Path> files = Files.list(parts)) {
                for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".sources")).sorted().toList()) {
                    for (String line : Files.readAllLines(file)) {
                        String trimmed = line.trim();
                        if (trimmed.regionMatches(true, 0, "URIs:", 0, 5)) {
                            uris.addAll(List.of(trimmed.substring(5).trim().split("\\s+")));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Path list = aptDir.resolve("sources.list");
        if (Files.isRegularFile(list)) {
            try {
                for (String line : Files.readAllLines(list)) {
                    String[] words = line.replaceAll("\\[[^]]*]", " ").trim().split("\\s+");
                    if (words.length >= 2 && words[0].equals("deb")) {
                        uris.add(words[1]);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        uris.removeIf(uri -> !uri.matches("https?://.+"));
        return uris.stream().map(uri -> uri.replaceAll("/+$", "")).toList();
    }
}
