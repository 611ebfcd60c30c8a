package io.lakehouse.chaos;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * A service's data directory on a small filesystem of its own, for the full-disk fault: a tmpfs of the directory's
 * size plus {@link #HEADROOM}, mounted over it with the directory's contents copied in, so filling it fills that
 * service's disk alone and never the machine's. {@link #restore} copies the contents back onto the machine's disk
 * and unmounts. Needs Linux and the right to mount (root); {@link #unavailable} says why not where it is not so.
 * <p>
 * Only while the service is stopped may the directory move: {@link #mount} and {@link #restore} are called with its
 * process gone. Until {@link #restore}, the original contents stay beside the directory ({@code NAME.chaos-kept}),
 * so an interrupted run loses nothing that was there before.
 */
public final class SmallDisk {
    /** Room left for the service to write before the fault fills it. */
    static final long HEADROOM = 64L << 20;
    private static final String FILLER = "chaos-full-disk.filler";

    private final Path dir;
    private final Path kept;
    private boolean mounted;

    private SmallDisk(Path dir) {
        this.dir = requireNonNull(dir, "dir");
        this.kept = dir.resolveSibling(dir.getFileName() + ".chaos-kept");
    }

    /** Why a small filesystem cannot be mounted here, or empty when it can. */
    public static Optional<String> unavailable() {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return Optional.of("a small filesystem is mounted with Linux's tmpfs; this is "
                    + System.getProperty("os.name"));
        }
        // the right to mount, tried: root in a container may lack it
        Path probe = null;
        try {
            probe = Files.createTempDirectory("lakehouse-chaos-mount");
            run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", probe.toString());
            run("umount", probe.toString());
            return Optional.empty();
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Optional.of("this process may not mount a small filesystem (mount -t tmpfs needs root and the "
                    + "right to mount; running as " + System.getProperty("user.name") + ": " + e.getMessage() + ")");
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException ignored) {
                    // a leftover empty folder in the temp directory
                }
            }
        }
    }

    /** Moves {@code dir} (whose service is stopped) onto a tmpfs of its size plus {@link #HEADROOM}. */
    static SmallDisk mount(Path dir) throws IOException, InterruptedException {
        SmallDisk disk = new SmallDisk(dir);
        if (Files.exists(disk.kept)) {
            throw new IOException(disk.kept + " is left from an interrupted chaos run: its contents are "
                    + dir.getFileName() + "'s as they were before it; move them back to " + dir + " first");
        }
        long size = sizeOf(dir) + HEADROOM;
        Files.move(dir, disk.kept);
        Files.createDirectories(dir);
        run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0700", "tmpfs", dir.toString());
        disk.mounted = true;
        run("cp", "-a", disk.kept + "/.", dir.toString());
        return disk;
    }

    /** Writes a file of zeros into the filesystem until it is full; returns how much went in. */
    long fill() throws IOException {
        Path filler = dir.resolve(FILLER);
        byte[] block = new byte[1 << 20];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(filler, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND)) {
            while (true) {
                out.write(block);
                written += block.length;
            }
        } catch (IOException full) {
            FileStore store = Files.getFileStore(dir);
            if (store.getUsableSpace() > block.length) {
                throw full;
            }
        }
        return written;
    }

    /**
     * With the service stopped: the filler removed, the contents copied back onto the machine's disk, the tmpfs
     * unmounted, and the kept original deleted.
     */
    void restore() throws IOException, InterruptedException {
        if (!mounted) {
            return;
        }
        Files.deleteIfExists(dir.resolve(FILLER));
        Path back = dir.resolveSibling(dir.getFileName() + ".chaos-back");
        deleteTree(back);
        Files.createDirectories(back);
        run("cp", "-a", dir + "/.", back.toString());
        run("umount", dir.toString());
        Files.delete(dir);
        Files.move(back, dir);
        mounted = false;
        deleteTree(kept);
    }

    boolean mounted() {
        return mounted;
    }

    Path dir() {
        return dir;
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException gone) {
                    return 0;
                }
            }).sum();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        io.lakehouse.runtime.BoundedCommand.Result result = io.lakehouse.runtime.BoundedCommand.run(
                java.time.Duration.ofMinutes(2), List.of(command));
        if (!result.ok()) {
            throw new IOException(String.join(" ", command) + (result.timedOut() ? " did not end within 2 min"
                    : " failed (exit " + result.exit() + ")") + ": " + result.tail(5));
        }
    }
}
