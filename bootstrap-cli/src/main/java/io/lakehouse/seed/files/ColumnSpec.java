package io.lakehouse.seed.files;

import static java.util.Objects.requireNonNull;

/**
 * One declared column: its name in the table, its type, whether a record without it is rejected, and where its
 * value comes from in a record ({@code source}: the CSV header or JSON field name; for XML a path relative to
 * the record element: {@code @sku}, {@code name}, {@code price/@currency}, {@code supplier/name}). The source
 * defaults to the name.
 */
public record ColumnSpec(String name, ColumnType type, boolean required, String source) {
    public ColumnSpec {
        requireNonNull(name, "name");
        requireNonNull(type, "type");
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("column name '" + name + "' must be lower_snake_case "
                    + "(letters, digits, _; not starting with a digit)");
        }
        if (source == null || source.isEmpty()) {
            source = name;
        }
    }
}
