package io.lakehouse.seed;

import io.lakehouse.stack.ProbeTarget;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The shop's application database in the MySQL service, as its own user {@code lakehouse}. */
public final class ShopDatabase {
    private ShopDatabase() {
    }

    public static Connection connect(ProbeTarget stack) throws SQLException {
        String password = stack.secret("MYSQL_PASSWORD")
                .orElseThrow(() -> new IllegalStateException("no MYSQL_PASSWORD in the stack's secrets"));
        return DriverManager.getConnection("jdbc:mariadb://" + stack.address("MYSQL_PORT")
                + "/shop", "lakehouse", password);
    }
}
