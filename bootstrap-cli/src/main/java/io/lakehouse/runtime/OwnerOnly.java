package io.lakehouse.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Restricts a file or folder to its owner (rw------- / rwx------) where the file system supports it; a log to its
 * owner and group ({@link #logFile}).
 */
public final class OwnerOnly {
    private OwnerOnly() {
    }

    /**
     * A service log and its folder: the owner writes, the owner's group may read (rw-r----- in rwxr-x---), nobody
     * else. A log may hold what a service said about its users and queries.
     */
    public static void logFile(Path log) throws IOException {
        set(log.getParent(), "rwxr-x---");
        set(log, "rw-r-----");
    }

    private static void set(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException ignored) {
            // Not a POSIX file system (e.g. Windows): the user's profile permissions apply.
        }
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
