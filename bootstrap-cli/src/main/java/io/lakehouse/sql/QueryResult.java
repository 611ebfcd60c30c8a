package io.lakehouse.sql;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A statement's outcome held in memory: column names, rows as text and as values, or an update count. */
public record QueryResult(List<String> columns, List<Boolean> numeric, List<List<String>> rows,
                          List<List<Object>> values, long updateCount) {
    private static final Set<Integer> NUMERIC = Set.of(Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT,
            Types.REAL, Types.FLOAT, Types.DOUBLE, Types.DECIMAL, Types.NUMERIC);

    public static QueryResult run(Statement statement, String sql) throws SQLException {
        if (!statement.execute(sql)) {
            return new QueryResult(List.of(), List.of(), List.of(), List.of(), statement.getUpdateCount());
        }
        try (ResultSet rs = statement.getResultSet()) {
            ResultSetMetaData meta = rs.getMetaData();
            List<String> columns = new ArrayList<>();
            List<Boolean> numeric = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnLabel(i));
                numeric.add(NUMERIC.contains(meta.getColumnType(i)));
            }
            List<List<String>> rows = new ArrayList<>();
            List<List<Object>> values = new ArrayList<>();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                List<Object> valueRow = new ArrayList<>();
                for (int i = 1; i <= columns.size(); i++) {
                    Object value = rs.getObject(i);
                    valueRow.add(value instanceof BigDecimal || value instanceof Number || value instanceof Boolean
                            || value == null ? value : value.toString());
                    row.add(value == null ? null : value.toString());
                }
                rows.add(row);
                values.add(valueRow);
            }
            return new QueryResult(columns, numeric, rows, values, -1);
        }
    }
}
