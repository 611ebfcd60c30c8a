package io.lakehouse.shop;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Collectors;

/**
 * How a shop table's rows are compared alike in MySQL and in Trino (over its bronze copy): each column as text in
 * one agreed form (numbers and decimals as written, DATETIME with microseconds, NULL as the empty string), joined with
 * '|', CRC-32 per row, summed. Equal count and sum: the same rows, whatever their order.
 *
 * @param rows   the table's row count
 * @param crcSum the sum of its rows' CRC-32s
 */
public record ShopFingerprint(long rows, long crcSum) {
    public static final ShopFingerprint EMPTY = new ShopFingerprint(0, 0);

    /** Runs a fingerprint query (count first, sum second). */
    public static ShopFingerprint of(Statement sql, String query) throws SQLException {
        try (ResultSet rs = sql.executeQuery(query)) {
            rs.next();
            return new ShopFingerprint(rs.getLong(1), rs.getLong(2));
        }
    }

    /** The query that fingerprints the table in MySQL's {@code shop} database. */
    public static String mysqlQuery(ShopTable table) {
        String row = table.columns().stream().map(c -> switch (c.type().kind()) {
            case DATETIME -> "COALESCE(DATE_FORMAT(" + c.name() + ", '%Y-%m-%d %H:%i:%s.%f'), '')";
            case BIGINT, INT, DECIMAL, VARCHAR -> "COALESCE(CAST(" + c.name() + " AS CHAR), '')";
        }).collect(Collectors.joining(", "));
        return "SELECT count(*), COALESCE(SUM(CRC32(CONCAT_WS('|', " + row + "))), 0) FROM " + table.name();
    }

    /** The query that fingerprints the table's copy in Trino, under {@code catalogSchema} (e.g. lakehouse.bronze). */
    public static String trinoQuery(ShopTable table, String catalogSchema) {
        String row = table.columns().stream().map(c -> switch (c.type().kind()) {
            case DATETIME -> "coalesce(date_format(" + c.name() + ", '%Y-%m-%d %H:%i:%s.%f'), '')";
            case BIGINT, INT, DECIMAL, VARCHAR -> "coalesce(CAST(" + c.name() + " AS varchar), '')";
        }).collect(Collectors.joining(", "));
        return "SELECT count(*), coalesce(sum(crc32(to_utf8(concat_ws('|', " + row + ")))), 0) FROM "
                + catalogSchema + "." + table.name();
    }
}
