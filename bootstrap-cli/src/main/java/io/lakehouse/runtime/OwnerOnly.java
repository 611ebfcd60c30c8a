package io.lakehouse.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Restricts a file or folder to its owner (rw------- / rwx------) where the file system supports it. */
public final class OwnerOnly {
    private OwnerOnly() {
    }

    public static void restrict(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                    Files.isDirectory(path) ? "rwx------" : "rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // Not a POSIX file system (e.g. Windows): the user's profile permissions apply.
        }
    }
}
