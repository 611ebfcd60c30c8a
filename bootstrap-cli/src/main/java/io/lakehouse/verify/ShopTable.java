package io.lakehouse.verify;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A table of the shop's MySQL database and how to fingerprint its rows alike in MySQL and in Trino: each column as
 * text in one agreed form (decimals as written, DATETIME with microseconds, NULL as the empty string), joined with
 * '|', CRC-32 per row, summed. Equal count and sum: the same rows, whatever their order.
 * (The Flink job module declares the same four tables for its upserts: jobs/flink CdcTable.)
 */
public record ShopTable(String name, List<Column> columns) {
    public enum Kind { NUMBER, TEXT, DATETIME }

    public record Column(String name, Kind kind) {
    }

    public static final List<ShopTable> ALL = List.of(
            new ShopTable("orders", List.of(number("order_id"), number("customer_id"), number("store_id"),
                    datetime("order_ts"), text("status"), number("total_amount"), datetime("updated_at"))),
            new ShopTable("order_items", List.of(number("order_id"), number("line_no"), text("product_sku"),
                    number("quantity"), number("unit_price"))),
            new ShopTable("payments", List.of(number("payment_id"), number("order_id"), text("method"),
                    number("amount"), datetime("paid_at"))),
            new ShopTable("shipments", List.of(number("shipment_id"), number("order_id"), text("carrier"),
                    datetime("shipped_at"), datetime("delivered_at"), text("status"))));

    /** Rows and the sum of their CRC-32s: equal fingerprints, equal content. */
    public record Fingerprint(long rows, long crcSum) {
        /** Runs a fingerprint query (count first, sum second). */
        public static Fingerprint of(java.sql.Statement sql, String query) throws java.sql.SQLException {
            try (java.sql.ResultSet rs = sql.executeQuery(query)) {
                rs.next();
                return new Fingerprint(rs.getLong(1), rs.getLong(2));
            }
        }
    }

    public String mysqlFingerprint() {
        String row = columns.stream().map(c -> switch (c.kind()) {
            case DATETIME -> "COALESCE(DATE_FORMAT(" + c.name() + ", '%Y-%m-%d %H:%i:%s.%f'), '')";
            default -> "COALESCE(CAST(" + c.name() + " AS CHAR), '')";
        }).collect(Collectors.joining(", "));
        return "SELECT count(*), COALESCE(SUM(CRC32(CONCAT_WS('|', " + row + "))), 0) FROM " + name;
    }

    public String trinoFingerprint(String catalogSchema) {
        String row = columns.stream().map(c -> switch (c.kind()) {
            case DATETIME -> "coalesce(date_format(" + c.name() + ", '%Y-%m-%d %H:%i:%s.%f'), '')";
            default -> "coalesce(CAST(" + c.name() + " AS varchar), '')";
        }).collect(Collectors.joining(", "));
        return "SELECT count(*), coalesce(sum(crc32(to_utf8(concat_ws('|', " + row + ")))), 0) FROM "
                + catalogSchema + "." + name;
    }

    private static Column number(String name) {
        return new Column(name, Kind.NUMBER);
    }

    private static Column text(String name) {
        return new Column(name, Kind.TEXT);
    }

    private static Column datetime(String name) {
        return new Column(name, Kind.DATETIME);
    }
}
