package io.lakehouse.chaos;

import io.lakehouse.runtime.BoundedCommand;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL as MySQL's root, which may log in from 127.0.0.1 alone: over JDBC on the local runtime; under compose, from
 * inside the MySQL container ({@code docker exec}), where the client reads the password from the container's secret
 * file through a descriptor, never from its command line.
 */
interface RootSql extends AutoCloseable {
    /** Runs a statement that returns nothing. */
    void execute(String sql) throws IOException;

    /**
     * Runs a statement that returns nothing; returns the notes and warnings MySQL gave with it (MariaDB says so when
     * {@code PURGE BINARY LOGS} keeps a file: "Note 1375 Binary log '…' is not purged because …").
     */
    List<String> executeWithNotes(String sql) throws IOException;

    /** The first column of each row of a query. */
    List<String> column(String sql) throws IOException;

    @Override
    void close();

    /** Over JDBC to MySQL's published port on 127.0.0.1 (the local runtime). */
    static RootSql jdbc(String address, String password) throws IOException {
        try {
            Connection root = DriverManager.getConnection("jdbc:mariadb://" + address + "/", "root", password);
            return new RootSql() {
                @Override
                public void execute(String sql) throws IOException {
                    executeWithNotes(sql);
                }

                @Override
                public List<String> executeWithNotes(String sql) throws IOException {
                    List<String> notes = new ArrayList<>();
                    try (Statement statement = root.createStatement()) {
                        statement.execute(sql);
                        for (java.sql.SQLWarning w = statement.getWarnings(); w != null; w = w.getNextWarning()) {
                            notes.add(w.getErrorCode() + " " + w.getMessage());
                        }
                    } catch (SQLException e) {
                        throw new IOException(e.getMessage(), e);
                    }
                    return notes;
                }

                @Override
                public List<String> column(String sql) throws IOException {
                    List<String> values = new ArrayList<>();
                    try (Statement statement = root.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
                        while (rs.next()) {
                            values.add(rs.getString(1));
                        }
                    } catch (SQLException e) {
                        throw new IOException(e.getMessage(), e);
                    }
                    return values;
                }

                @Override
                public void close() {
                    try {
                        root.close();
                    } catch (SQLException ignored) {
                        // the connection is gone either way
                    }
                }
            };
        } catch (SQLException e) {
            throw new IOException("could not log in to MySQL as root at " + address + ": " + e.getMessage(), e);
        }
    }

    /**
     * The MariaDB client in the MySQL container, as root over 127.0.0.1 there: {@code /run/secrets/MYSQL_ROOT_PASSWORD}
     * goes into a defaults file on a descriptor ({@code printf} is the shell's own, so no process shows it).
     */
    static RootSql inContainer(String container) {
        String client = "exec /opt/lakehouse/services/mysql/bin/mariadb --defaults-extra-file=<(printf "
                + "'[client]\\nuser=root\\npassword=%s\\n' \"$(cat /run/secrets/MYSQL_ROOT_PASSWORD)\") "
                + "--skip-ssl -h 127.0.0.1 -P \"$MYSQL_PORT\" -N -B -e \"$1\"";
        return new RootSql() {
            @Override
            public void execute(String sql) throws IOException {
                run(sql);
            }

            @Override
            public List<String> executeWithNotes(String sql) throws IOException {
                // one client session: SHOW WARNINGS reads the statement before it (Level, Code, Message per line)
                return run(sql + "; SHOW WARNINGS").lines().filter(line -> !line.isBlank())
                        .map(line -> line.replace('\t', ' ')).toList();
            }

            @Override
            public List<String> column(String sql) throws IOException {
                return run(sql).lines().filter(line -> !line.isBlank()).map(line -> line.split("\t", 2)[0]).toList();
            }

            private String run(String sql) throws IOException {
                try {
                    BoundedCommand.Result result = BoundedCommand.run(Duration.ofSeconds(30),
                            List.of("docker", "exec", container, "bash", "-c", client, "mariadb", sql));
                    if (!result.ok()) {
                        throw new IOException("MySQL (container " + container + ") refused '" + sql + "': "
                                + result.output().trim());
                    }
                    return result.output();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }

            @Override
            public void close() {
            }
        };
    }
}
