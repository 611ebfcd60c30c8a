package io.lakehouse.stack.health;

import io.lakehouse.stack.HealthProbe;
import io.lakehouse.stack.ProbeResult;
import io.lakehouse.stack.ProbeTarget;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static java.util.Objects.requireNonNull;

/**
 * The MySQL-compatible server is healthy when the application user logs in over TCP, {@code SELECT 1} answers, and
 * the server is writable. The server starts read-only and its init file turns that off as its last statement, so
 * "writable" also proves the accounts and databases were all applied.
 */
public final class MySqlReadyProbe implements HealthProbe {
    private final String portVariable;
    private final String user;
    private final String passwordVariable;

    public MySqlReadyProbe(String portVariable, String user, String passwordVariable) {
        this.portVariable = requireNonNull(portVariable, "portVariable");
        this.user = requireNonNull(user, "user");
        this.passwordVariable = requireNonNull(passwordVariable, "passwordVariable");
    }

    @Override
    public String describe() {
        return "JDBC SELECT 1 as " + user + " and read_only off";
    }

    @Override
    public ProbeResult probe(ProbeTarget target) {
        String url = "jdbc:mariadb://" + target.address(portVariable)
                + "/?connectTimeout=2000&socketTimeout=3000";
        String credential = target.secret(passwordVariable).orElse("");
        try (Connection connection = DriverManager.getConnection(url, user, credential);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT 1, VERSION(), @@global.read_only")) {
            rs.next();
            if (rs.getInt(1) != 1) {
                return ProbeResult.unhealthy("SELECT 1 returned " + rs.getInt(1));
            }
            if (rs.getInt(3) != 0) {
                return ProbeResult.unhealthy("server still read-only: its init file did not finish (see its log)");
            }
            return ProbeResult.healthy("SELECT 1 ok, writable, server " + rs.getString(2));
        } catch (Exception e) {
            return ProbeResult.unhealthy("SELECT 1 on " + url + " failed: " + Failures.message(e));
        }
    }
}
