package io.lakehouse.jobs.flink;

import io.lakehouse.shop.ColumnType;
import io.lakehouse.shop.ShopColumn;

import static java.util.Objects.requireNonNull;

/**
 * One column of a captured MySQL table: how Debezium writes it into the change event (JSON without schemas,
 * {@code decimal.handling.mode=string}, DATETIME as {@code io.debezium.time.Timestamp} epoch milliseconds) and what
 * it becomes in bronze (DECIMAL, TIMESTAMP without time zone).
 *
 * @param name       the MySQL column name, kept in bronze
 * @param sourceType the Flink SQL type that reads the JSON value of the change event
 * @param bronzeType the Flink SQL type of the bronze column
 * @param conversion how a source value becomes a bronze value ({@code %s} is the quoted source column)
 */
public record CdcColumn(String name, String sourceType, String bronzeType, String conversion) {
    public CdcColumn {
        requireNonNull(name, "name");
        requireNonNull(sourceType, "sourceType");
        requireNonNull(bronzeType, "bronzeType");
        requireNonNull(conversion, "conversion");
    }

    /** The column as the connector's config writes it (plain JSON, decimals as strings, DATETIME as epoch ms). */
    public static CdcColumn of(ShopColumn column) {
        ColumnType type = column.type();
        return switch (type.kind()) {
            case BIGINT -> bigint(column.name());
            case INT -> integer(column.name());
            case VARCHAR -> varchar(column.name());
            case DECIMAL -> decimal(column.name(), type.precision(), type.scale());
            case DATETIME -> {
                if (type.precision() != 3) {
                    throw new IllegalArgumentException(column.name() + ": DATETIME(" + type.precision()
                            + ") is not captured; Debezium's epoch milliseconds carry DATETIME(3)");
                }
                yield datetime(column.name());
            }
        };
    }

    public static CdcColumn bigint(String name) {
        return new CdcColumn(name, "BIGINT", "BIGINT", "%s");
    }

    public static CdcColumn integer(String name) {
        return new CdcColumn(name, "INT", "INT", "%s");
    }

    public static CdcColumn varchar(String name) {
        return new CdcColumn(name, "STRING", "STRING", "%s");
    }

    /** A DECIMAL, which Debezium writes as a string (exact, unlike a JSON number). */
    public static CdcColumn decimal(String name, int precision, int scale) {
        String type = "DECIMAL(" + precision + ", " + scale + ")";
        return new CdcColumn(name, "STRING", type, "CAST(%s AS " + type + ")");
    }

    /**
     * A DATETIME(3): Debezium writes the wall-clock value as milliseconds since the epoch as if it were UTC; the job
     * runs with the session time zone UTC, so this cast gives back the same wall-clock value.
     */
    public static CdcColumn datetime(String name) {
        return new CdcColumn(name, "BIGINT", "TIMESTAMP(3)", "CAST(TO_TIMESTAMP_LTZ(%s, 3) AS TIMESTAMP(3))");
    }

    String quoted() {
        return "`" + name + "`";
    }

    String selectExpression() {
        return conversion.formatted(quoted()) + " AS " + quoted();
    }
}
