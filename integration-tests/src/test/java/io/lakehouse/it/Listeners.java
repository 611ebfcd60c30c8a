package io.lakehouse.it;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The TCP sockets that a set of processes listen on, read from Linux's own tables: each process's open sockets
 * ({@code /proc/<pid>/fd}, "socket:[inode]") matched with the listening rows of {@code /proc/net/tcp} and
 * {@code /proc/net/tcp6} (state 0A).
 */
final class Listeners {
    private Listeners() {
    }

    /** One listening socket: its address, port, and the process that holds it. */
    record Listener(InetAddress address, int port, long pid, String command) {
        boolean loopback() {
            return address.isLoopbackAddress();
        }

        @Override
        public String toString() {
            return address.getHostAddress() + ":" + port + " (pid " + pid + ", " + command + ")";
        }
    }

    static List<Listener> of(Collection<ProcessHandle> processes) throws IOException {
        Map<Long, InetSocket> listening = new HashMap<>();
        readTable(Path.of("/proc/net/tcp"), listening);
        readTable(Path.of("/proc/net/tcp6"), listening);
        List<Listener> found = new ArrayList<>();
        for (ProcessHandle process : processes) {
            for (long inode : socketInodes(process.pid())) {
                InetSocket socket = listening.get(inode);
                if (socket != null) {
                    found.add(new Listener(socket.address(), socket.port(), process.pid(),
                            process.info().commandLine().map(Listeners::shorten).orElse("?")));
                }
            }
        }
        return found;
    }

    private record InetSocket(InetAddress address, int port) {
    }

    private static void readTable(Path table, Map<Long, InetSocket> listening) throws IOException {
        if (!Files.isReadable(table)) {
            return;
        }
        List<String> lines = Files.readAllLines(table);
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.trim().split("\\s+");
            if (!fields[3].equals("0A")) {
                continue;
            }
            String[] local = fields[1].split(":");
            listening.put(Long.parseLong(fields[9]),
                    new InetSocket(address(local[0]), Integer.parseInt(local[1], 16)));
        }
    }

    /** The kernel prints each 32-bit word of the address in host (little-endian) order. */
    private static InetAddress address(String hex) throws UnknownHostException {
        byte[] bytes = new byte[hex.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int i = 0; i < 4; i++) {
                int at = word * 8 + (3 - i) * 2;
                bytes[word * 4 + i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
            }
        }
        return InetAddress.getByAddress(bytes);
    }

    private static List<Long> socketInodes(long pid) {
        List<Long> inodes = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(new BigInteger(target.substring(8, target.length() - 1)).longValue());
                    }
                } catch (IOException closed) {
                    // closed between the listing and the read
                }
            }
        } catch (IOException gone) {
            // the process ended: it listens on nothing
        }
        return inodes;
    }

    private static String shorten(String commandLine) {
        return commandLine.length() <= 120 ? commandLine : commandLine.substring(0, 117) + "...";
    }
}
