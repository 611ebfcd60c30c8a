package io.lakehouse.shop;

import java.util.List;
import java.util.stream.Collectors;

import static io.lakehouse.shop.ColumnType.bigint;
import static io.lakehouse.shop.ColumnType.datetime;
import static io.lakehouse.shop.ColumnType.decimal;
import static io.lakehouse.shop.ColumnType.integer;
import static io.lakehouse.shop.ColumnType.varchar;
import static io.lakehouse.shop.ShopColumn.nullable;
import static io.lakehouse.shop.ShopColumn.of;

/**
 * The shop's application database (MySQL database {@code shop}), described once. Everything else is generated from
 * this: the DDL at the top of {@code sample-data/mysql/shop.sql}, the Flink CDC job's tables (jobs/flink
 * {@code CdcTable}), the fingerprints verify and seed compare ({@link ShopFingerprint}) and the table in
 * {@code sample-data/README.md} ({@link #markdown}). Add a column here, regenerate the sample data
 * ({@code SampleDataMain sample-data 1}), and give the generator a value for it.
 */
public final class ShopSchema {
    public static final String DATABASE = "shop";

    public static final ShopTable ORDERS = new ShopTable("orders", List.of(
            of("order_id", bigint()), of("customer_id", bigint()), of("store_id", integer()),
            of("order_ts", datetime(3)), of("status", varchar(16)), of("total_amount", decimal(12, 2)),
            of("updated_at", datetime(3))),
            List.of("order_id"));
    public static final ShopTable ORDER_ITEMS = new ShopTable("order_items", List.of(
            of("order_id", bigint()), of("line_no", integer()), of("product_sku", varchar(32)),
            of("quantity", integer()), of("unit_price", decimal(10, 2))),
            List.of("order_id", "line_no"));
    public static final ShopTable PAYMENTS = new ShopTable("payments", List.of(
            of("payment_id", bigint()), of("order_id", bigint()), of("method", varchar(16)),
            of("amount", decimal(12, 2)), of("paid_at", datetime(3))),
            List.of("payment_id"));
    public static final ShopTable SHIPMENTS = new ShopTable("shipments", List.of(
            of("shipment_id", bigint()), of("order_id", bigint()), of("carrier", varchar(32)),
            of("shipped_at", datetime(3)), nullable("delivered_at", datetime(3)), of("status", varchar(16))),
            List.of("shipment_id"));

    /** The four tables, in the order they are created and loaded. */
    public static final List<ShopTable> TABLES = List.of(ORDERS, ORDER_ITEMS, PAYMENTS, SHIPMENTS);

    private ShopSchema() {
    }

    public static ShopTable table(String name) {
        return TABLES.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no shop table " + name + "; the tables: "
                        + TABLES.stream().map(ShopTable::name).toList()));
    }

    /** Every table's {@code CREATE TABLE IF NOT EXISTS}, one after the other, each on its own lines. */
    public static String mysqlDdl() {
        return TABLES.stream().map(ShopTable::mysqlDdl).collect(Collectors.joining("\n")) + "\n";
    }

    /** The tables as a Markdown table (sample-data/README.md shows it between its generated-section markers). */
    public static String markdown() {
        StringBuilder out = new StringBuilder("| table | columns (MySQL types; all NOT NULL unless marked) | primary key |\n"
                + "|---|---|---|\n");
        for (ShopTable table : TABLES) {
            out.append("| `").append(table.name()).append("` | ")
                    .append(table.columns().stream()
                            .map(c -> "`" + c.name() + "` " + c.type().mysql() + (c.nullable() ? " NULL" : ""))
                            .collect(Collectors.joining(", ")))
                    .append(" | ").append(table.primaryKey().stream().map(k -> "`" + k + "`")
                            .collect(Collectors.joining(", ")))
                    .append(" |\n");
        }
        return out.toString();
    }
}
