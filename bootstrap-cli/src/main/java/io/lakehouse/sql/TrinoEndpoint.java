package io.lakehouse.sql;

import io.lakehouse.stack.ProbeTarget;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import static java.util.Objects.requireNonNull;

/** Where the stack's Trino answers JDBC, and a connection to it as the local user (Trino here has no passwords). */
public record TrinoEndpoint(String url) {
    public TrinoEndpoint {
        requireNonNull(url, "url");
    }

    public static TrinoEndpoint of(ProbeTarget stack, String catalog, String schema) {
        return new TrinoEndpoint("jdbc:trino://" + stack.address("TRINO_PORT") + "/" + catalog
                + (schema == null ? "" : "/" + schema));
    }

    public Connection connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", System.getProperty("user.name", "lakehouse"));
        return DriverManager.getConnection(url, properties);
    }
}
