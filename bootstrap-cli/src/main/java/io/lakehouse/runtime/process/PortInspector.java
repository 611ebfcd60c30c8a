package io.lakehouse.runtime.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Is a port free, and if not, who holds it? Free means this process can bind it; the holder is found from
 * {@code /proc/net/tcp*} (listening sockets by inode) and {@code /proc/PID/fd} (which process owns that inode).
 */
public final class PortInspector {
    private static final Path PROC = Path.of("/proc");

    private PortInspector() {
    }

    public static boolean isFree(String bindAddress, int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(bindAddress))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static Optional<PortHolder> holder(int port) {
        Set<String> inodes = listeningInodes(port);
        if (inodes.isEmpty()) {
            return Optional.empty();
        }
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path process : processes) {
                Path fds = process.resolve("fd");
                try (DirectoryStream<Path> links = Files.newDirectoryStream(fds)) {
                    for (Path link : links) {
                        String target = Files.readSymbolicLink(link).toString();
                        if (target.startsWith("socket:[") && inodes.contains(target.substring(8, target.length() - 1))) {
                            long pid = Long.parseLong(process.getFileName().toString());
                            return Optional.of(new PortHolder(port, pid, command(pid)));
                        }
                    }
                } catch (IOException | SecurityException ignored) {
                    // another user's process or one that just exited
                }
            }
        } catch (IOException e) {
            return Optional.of(new PortHolder(port, 0, "unknown"));
        }
        return Optional.of(new PortHolder(port, 0, "unknown"));
    }

    /** Whether anything listens on the port, on any address. */
    public static boolean isListening(int port) {
        return !listeningInodes(port).isEmpty();
    }

    private static Set<String> listeningInodes(int port) {
        Set<String> inodes = new HashSet<>();
        for (String table : List.of("net/tcp", "net/tcp6")) {
            Path file = PROC.resolve(table);
            if (!Files.isReadable(file)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(file)) {
                    String[] f = line.trim().split("\\s+");
                    // sl local_address rem_address st ... inode (index 9); st 0A = LISTEN
                    if (f.length > 9 && f[1].contains(":") && "0A".equals(f[3])) {
                        int local = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16);
                        if (local == port) {
                            inodes.add(f[9]);
                        }
                    }
                }
            } catch (IOException | NumberFormatException ignored) {
                // unreadable table: fall back to the bind test alone
            }
        }
        return inodes;
    }

    static String command(long pid) {
        try {
            String comm = Files.readString(PROC.resolve(Long.toString(pid)).resolve("comm")).trim();
            return comm.isEmpty() ? "unknown" : comm;
        } catch (IOException e) {
            return ProcessHandle.of(pid).flatMap(h -> h.info().command()).orElse("unknown");
        }
    }
}
