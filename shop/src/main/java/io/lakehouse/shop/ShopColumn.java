package io.lakehouse.shop;

import static java.util.Objects.requireNonNull;

/** One column of a shop table: its name, its MySQL type, and whether it may be NULL. */
public record ShopColumn(String name, ColumnType type, boolean nullable) {
    public ShopColumn {
        requireNonNull(name, "name");
        requireNonNull(type, "type");
    }

    /** A column that is never NULL (every shop column but a shipment's delivery time). */
    public static ShopColumn of(String name, ColumnType type) {
        return new ShopColumn(name, type, false);
    }

    public static ShopColumn nullable(String name, ColumnType type) {
        return new ShopColumn(name, type, true);
    }

    /** Its MySQL definition: {@code status VARCHAR(16) NOT NULL}. */
    public String mysqlDefinition() {
        return name + " " + type.mysql() + (nullable ? " NULL" : " NOT NULL");
    }
}
