package io.lakehouse.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing a folder with everything under it, the one way the CLI does it (symbolic links are removed, not followed). */
public final class FolderTree {
    private FolderTree() {
    }

    /** Removes {@code root} and everything under it; nothing to do when it does not exist. */
    public static void delete(Path root) throws IOException {
        remove(root, true);
    }

    /** Removes everything under {@code root} and keeps the folder itself; nothing to do when it does not exist. */
    public static void deleteContents(Path root) throws IOException {
        remove(root, false);
    }

    private static void remove(Path root, boolean withRoot) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (withRoot || !path.equals(root)) {
                    // a file its own process removed meanwhile (a JVM's temporary file) is no error
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
