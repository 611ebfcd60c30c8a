package io.lakehouse.stack.health;

import io.lakehouse.stack.HealthProbe;
import io.lakehouse.stack.ProbeResult;
import io.lakehouse.stack.ProbeTarget;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static java.util.Objects.requireNonNull;

/** A MySQL-protocol server is healthy when it logs in the given user and answers {@code SELECT 1}. */
public final class JdbcSelectOneProbe implements HealthProbe {
    private final String portVariable;
    private final String user;
    private final String passwordVariable;

    public JdbcSelectOneProbe(String portVariable, String user, String passwordVariable) {
        this.portVariable = requireNonNull(portVariable, "portVariable");
        this.user = requireNonNull(user, "user");
        this.passwordVariable = requireNonNull(passwordVariable, "passwordVariable");
    }

    @Override
    public String describe() {
        return "JDBC SELECT 1 as " + user;
    }

    @Override
    public ProbeResult probe(ProbeTarget target) {
        String url = "jdbc:mariadb://" + target.host() + ":" + target.port(portVariable)
                + "/?connectTimeout=2000&socketTimeout=3000";
        String password = target.secret(passwordVariable).orElse("");
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT 1, VERSION()")) {
            rs.next();
            if (rs.getInt(1) != 1) {
                return ProbeResult.unhealthy("SELECT 1 returned " + rs.getInt(1));
            }
            return ProbeResult.healthy("SELECT 1 ok, server " + rs.getString(2));
        } catch (Exception e) {
            return ProbeResult.unhealthy("SELECT 1 on " + url + " failed: " + Failures.message(e));
        }
    }
}
