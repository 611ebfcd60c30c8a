package io.lakehouse.runtime.docker;

import io.lakehouse.runtime.FolderTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * The build context of one image: only what its Dockerfile copies from the repository (its service folder, the CLI,
 * the entrypoint and healthcheck), hard-linked into a folder of its own. The repository root as context sent every
 * image's service folders (2 GB) to the engine for each of the twelve builds.
 */
final class ImageContext {
    /** {@code COPY src... dest} without {@code --from}: the sources are paths in the repository. */
    private static final Pattern COPY = Pattern.compile("(?m)^COPY\\s+(?!--from)(.+)$");

    private final Path home;
    private final Path root;

    /** @param root where the contexts are made, one folder per image (emptied first) */
    ImageContext(Path home, Path root) {
        this.home = requireNonNull(home, "home");
        this.root = requireNonNull(root, "root");
    }

    /** The repository paths a Dockerfile copies. */
    static List<String> sources(String dockerfile) {
        List<String> sources = new ArrayList<>();
        Matcher m = COPY.matcher(dockerfile);
        while (m.find()) {
            List<String> words = List.of(m.group(1).trim().split("\\s+"));
            words.subList(0, words.size() - 1).stream().filter(w -> !w.startsWith("--")).forEach(sources::add);
        }
        return sources;
    }

    /** Makes the context of {@code dockerfile} under {@code root/name} and returns it. */
    Path make(String name, Path dockerfile) {
        return make(name, dockerfile, text -> text);
    }

    /**
     * The same for a parameterised Dockerfile: {@code arguments} replaces its build arguments ({@code ${DIST}}) in
     * the COPY lines, as the build will.
     */
    Path make(String name, Path dockerfile, java.util.function.UnaryOperator<String> arguments) {
        Path context = root.resolve(name);
        try {
            FolderTree.delete(context);
            Files.createDirectories(context);
            for (String source : sources(arguments.apply(Files.readString(dockerfile)))) {
                Path from = home.resolve(source).normalize();
                if (!from.startsWith(home) || !Files.exists(from)) {
                    throw new ImageBuildException(dockerfile + " copies " + source + ", which is not in "
                            + home, List.of());
                }
                link(from, context.resolve(source));
            }
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the build context " + context, e);
        }
    }

    private static void link(Path from, Path to) throws IOException {
        if (Files.isDirectory(from)) {
            try (Stream<Path> files = Files.walk(from)) {
                for (Path file : files.toList()) {
                    Path target = to.resolve(from.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        linkFile(file, target);
                    }
                }
            }
        } else {
            linkFile(from, to);
        }
    }

    /** A hard link (no copy of a service folder); a copy where the two paths are on different file systems. */
    private static void linkFile(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        try {
            Files.createLink(to, from);
        } catch (FileAlreadyExistsException e) {
            // listed twice (a folder and a file in it): already there
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }
}
