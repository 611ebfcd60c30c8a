package io.lakehouse.shop;

import java.util.List;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/** One table of the shop's MySQL database, in MySQL's column order, with its primary key. */
public record ShopTable(String name, List<ShopColumn> columns, List<String> primaryKey) {
    public ShopTable {
        requireNonNull(name, "name");
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        List<String> names = columns.stream().map(ShopColumn::name).toList();
        if (primaryKey.isEmpty() || !names.containsAll(primaryKey)) {
            throw new IllegalArgumentException(name + ": primary key " + primaryKey + " must be columns of " + names);
        }
        for (String key : primaryKey) {
            if (columns.get(names.indexOf(key)).nullable()) {
                throw new IllegalArgumentException(name + ": key column " + key + " cannot be NULL");
            }
        }
    }

    public List<String> columnNames() {
        return columns.stream().map(ShopColumn::name).toList();
    }

    /** {@code CREATE TABLE IF NOT EXISTS ...}, one column a line, ending with the primary key and a semicolon. */
    public String mysqlDdl() {
        return "CREATE TABLE IF NOT EXISTS " + name + " (\n"
                + columns.stream().map(c -> "  " + c.mysqlDefinition() + ",\n").collect(Collectors.joining())
                + "  PRIMARY KEY (" + String.join(", ", primaryKey) + ")\n);";
    }
}
