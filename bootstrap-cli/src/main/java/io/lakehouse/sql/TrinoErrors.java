package io.lakehouse.sql;

import java.sql.SQLException;

/** Trino's own words from a JDBC failure: the driver wraps them as "Query failed (#id): message". */
public final class TrinoErrors {
    private TrinoErrors() {
    }

    public static String message(SQLException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return message.replaceFirst("^Query failed \\([^)]*\\):\\s*", "").lines().findFirst().orElse(message);
    }
}
