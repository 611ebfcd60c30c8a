package io.lakehouse.chaos;

import io.lakehouse.runtime.RuntimeKind;
import io.lakehouse.runtime.ServiceStatus;
import io.lakehouse.stack.ProbeTarget;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Injects a fault into a running service the way the machine would: signals to the service's process on the local
 * runtime ({@code kill -KILL}, {@code kill -STOP} then {@code -CONT}), {@code docker kill} and {@code docker pause}
 * then {@code unpause} under compose; for {@code purge-binlog}, MySQL's own {@code PURGE BINARY LOGS} after the kill.
 */
final class FaultInjector {
    private final RuntimeKind runtime;
    private final ProbeTarget stack;

    FaultInjector(RuntimeKind runtime, ProbeTarget stack) {
        this.runtime = runtime;
        this.stack = stack;
    }

    /** Kills or stops the service; returns what it did, in words. */
    String inject(Fault fault, ServiceStatus status) throws IOException, InterruptedException {
        String target = target(fault, status);
        return switch (fault.kind()) {
            case KILL -> run(runtime == RuntimeKind.LOCAL ? List.of("kill", "-KILL", target)
                    : List.of("docker", "kill", "--signal", "KILL", target), "SIGKILL to " + describe(target));
            case STOP -> run(runtime == RuntimeKind.LOCAL ? List.of("kill", "-STOP", target)
                    : List.of("docker", "pause", target), "SIGSTOP to " + describe(target));
            case FULL_DISK -> throw new IllegalStateException("full-disk is injected by its SmallDisk");
            case PURGE_BINLOG -> {
                String killed = run(runtime == RuntimeKind.LOCAL ? List.of("kill", "-KILL", target)
                        : List.of("docker", "kill", "--signal", "KILL", target), "SIGKILL to " + describe(target));
                yield killed + ", then " + purgeBinlogs();
            }
        };
    }

    /**
     * As MySQL's root (from 127.0.0.1, the only host root may log in from): a new binlog file, and every older one
     * purged. Returns what went, in words.
     */
    private String purgeBinlogs() throws IOException, InterruptedException {
        String password = stack.secret("MYSQL_ROOT_PASSWORD")
                .orElseThrow(() -> new IllegalStateException("no MYSQL_ROOT_PASSWORD in the stack's secrets"));
        try (Connection root = DriverManager.getConnection("jdbc:mariadb://" + stack.address("MYSQL_PORT") + "/",
                "root", password); Statement sql = root.createStatement()) {
            // the killed worker's binlog dump thread may outlive it until MySQL notices; MySQL keeps every file a
            // connected reader may still need, so end those threads first
            List<Long> readers = binlogReaders(sql);
            for (long reader : readers) {
                try {
                    sql.execute("KILL " + reader);
                } catch (SQLException gone) {
                    // ended meanwhile
                }
            }
            // KILL only marks a thread: it holds its file until it notices, and PURGE skips a file still held
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!binlogReaders(sql).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            // changes the stopped connector has not read (one order's amount raised and lowered again: the data
            // ends as it was), written into the file about to be purged: without a new snapshot they would be lost
            sql.execute("UPDATE shop.orders SET total_amount = total_amount + 1 ORDER BY order_id LIMIT 1");
            sql.execute("UPDATE shop.orders SET total_amount = total_amount - 1 ORDER BY order_id LIMIT 1");
            List<String> before = binlogs(sql);
            sql.execute("FLUSH BINARY LOGS");
            List<String> after = binlogs(sql);
            String newest = after.get(after.size() - 1);
            // MariaDB keeps a file until its binlog checkpoint (InnoDB has made its transactions durable) has
            // passed, a moment after the flush: ask again until it lets go
            List<String> left = binlogs(sql);
            long until = System.nanoTime() + 30_000_000_000L;
            do {
                sql.execute("FLUSH ENGINE LOGS");
                sql.execute("PURGE BINARY LOGS TO '" + newest + "'");
                left = binlogs(sql);
                if (before.stream().noneMatch(left::contains)) {
                    break;
                }
                Thread.sleep(500);
            } while (System.nanoTime() < until);
            List<String> finalLeft = left;
            List<String> purged = before.stream().filter(log -> !finalLeft.contains(log)).toList();
            List<String> kept = before.stream().filter(finalLeft::contains).toList();
            if (!kept.isEmpty()) {
                throw new IOException("MySQL kept the binlog files " + kept + " (had " + before + ", has " + left
                        + "; readers still connected: " + binlogReaders(sql) + ")");
            }
            return "2 unread changes written, then the binlog files " + purged + " purged (MySQL writes " + newest
                    + " now)";
        } catch (SQLException e) {
            throw new IOException("could not purge MySQL's binlogs as root: " + e.getMessage(), e);
        }
    }

    private static List<Long> binlogReaders(Statement sql) throws SQLException {
        List<Long> readers = new ArrayList<>();
        try (ResultSet rs = sql.executeQuery("SELECT ID FROM information_schema.PROCESSLIST "
                + "WHERE COMMAND LIKE 'Binlog Dump%'")) {
            while (rs.next()) {
                readers.add(rs.getLong(1));
            }
        }
        return readers;
    }

    private static List<String> binlogs(Statement sql) throws SQLException {
        List<String> logs = new ArrayList<>();
        try (ResultSet rs = sql.executeQuery("SHOW BINARY LOGS")) {
            while (rs.next()) {
                logs.add(rs.getString(1));
            }
        }
        return logs;
    }

    /** Lets a stopped service go on (after {@link Fault#STOP_FOR}). */
    void resume(Fault fault, ServiceStatus status) throws IOException, InterruptedException {
        String target = target(fault, status);
        run(runtime == RuntimeKind.LOCAL ? List.of("kill", "-CONT", target) : List.of("docker", "unpause", target),
                "SIGCONT to " + describe(target));
    }

    private String target(Fault fault, ServiceStatus status) {
        if (runtime == RuntimeKind.LOCAL) {
            return String.valueOf(status.pid().orElseThrow(() -> new IllegalStateException(
                    fault.service() + " has no process to " + fault.kind().label() + " (" + status.state().label()
                            + "): start it with 'lakehouse up'")));
        }
        return status.container().orElseThrow(() -> new IllegalStateException(
                fault.service() + " has no container to " + fault.kind().label() + ": start it with 'lakehouse up'"));
    }

    private String describe(String target) {
        return runtime == RuntimeKind.LOCAL ? "pid " + target : "container " + target;
    }

    private static String run(List<String> command, String what) throws IOException, InterruptedException {
        io.lakehouse.runtime.BoundedCommand.Result result = io.lakehouse.runtime.BoundedCommand.run(
                java.time.Duration.ofSeconds(30), command);
        if (!result.ok()) {
            throw new IOException(String.join(" ", command) + " failed: " + result.output().trim());
        }
        return what;
    }
}
