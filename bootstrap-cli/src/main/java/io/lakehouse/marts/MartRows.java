package io.lakehouse.marts;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A mart's rows as engine-neutral text, sorted: decimals without trailing zeros, everything else as its string
 * form, NULL as {@code \N}. Two engines serve the same mart when these lists are equal.
 */
public final class MartRows {
    private MartRows() {
    }

    public static List<String> read(Connection connection, String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement sql = connection.createStatement(); ResultSet rs = sql.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    Object value = rs.getObject(i);
                    row.append(i > 1 ? "|" : "").append(value == null ? "\\N"
                            : value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString()
                            : value.toString());
                }
                rows.add(row.toString());
            }
        }
        rows.sort(null);
        return rows;
    }

    /** The first difference between two sorted row lists, or empty when they are equal. */
    public static java.util.Optional<String> firstDifference(List<String> expected, List<String> actual) {
        if (expected.equals(actual)) {
            return java.util.Optional.empty();
        }
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                return java.util.Optional.of("row " + (i + 1) + ": " + expected.get(i) + " <> " + actual.get(i));
            }
        }
        return java.util.Optional.of(expected.size() + " rows <> " + actual.size() + " rows");
    }
}
