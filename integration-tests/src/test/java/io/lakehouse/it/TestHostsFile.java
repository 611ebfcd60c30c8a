package io.lakehouse.it;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Writes the test JVM's hosts file ({@code -Djdk.net.hosts.file=target/test-hosts}) before any test runs: the
 * compose names of src/test/resources/hosts, plus this machine's own name, which clients look up too (Iceberg's Hive
 * lock names the host that holds it). The JDK reads the file at each lookup, so writing it first is enough.
 */
public final class TestHostsFile implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Path home = Path.of(System.getProperty("lakehouse.home", ".."));
        Path target = Path.of(System.getProperty("jdk.net.hosts.file", "target/test-hosts"));
        try {
            String hosts = Files.readString(home.resolve("integration-tests/src/test/resources/hosts"));
            String own = machineName().map(name -> "127.0.0.1 " + name + "\n").orElse("");
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.writeString(target, hosts + own);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the test hosts file " + target, e);
        }
    }

    private static Optional<String> machineName() throws IOException {
        Path kernel = Path.of("/proc/sys/kernel/hostname");
        if (Files.isReadable(kernel)) {
            return Optional.of(Files.readString(kernel).strip()).filter(n -> !n.isEmpty());
        }
        return Optional.ofNullable(System.getenv("HOSTNAME")).filter(n -> !n.isBlank());
    }
}
