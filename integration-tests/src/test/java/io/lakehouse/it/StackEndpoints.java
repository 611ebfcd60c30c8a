package io.lakehouse.it;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/** How the tests reach a running stack from the host, whichever runtime runs it. */
public record StackEndpoints(String host, Map<String, Integer> ports, Map<String, String> secrets) {
    public StackEndpoints {
        requireNonNull(host, "host");
        ports = Map.copyOf(ports);
        secrets = Map.copyOf(secrets);
    }

    public int port(String variable) {
        Integer port = ports.get(variable);
        if (port == null) {
            throw new IllegalArgumentException("no port " + variable + " in " + ports.keySet());
        }
        return port;
    }

    public String secret(String name) {
        String value = secrets.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no generated value " + name);
        }
        return value;
    }

    public String kafkaBootstrap() {
        return host + ":" + port("KAFKA_PORT");
    }

    public String hdfsUri() {
        return "hdfs://" + host + ":" + port("NAMENODE_RPC_PORT");
    }

    /** A Trino JDBC connection on the catalog {@code lakehouse}, as the test user. */
    public java.sql.Connection trino() throws java.sql.SQLException {
        java.util.Properties user = new java.util.Properties();
        user.setProperty("user", "it");
        return java.sql.DriverManager.getConnection("jdbc:trino://" + host + ":" + port("TRINO_PORT") + "/lakehouse",
                user);
    }

    public String mysqlUrl(String database) {
        return "jdbc:mariadb://" + host + ":" + port("MYSQL_PORT") + "/" + database;
    }
}
