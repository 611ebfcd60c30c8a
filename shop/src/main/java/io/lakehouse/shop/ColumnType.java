package io.lakehouse.shop;

/**
 * The MySQL type of a shop column: the few the shop uses, each with what the other engines need to know of it.
 *
 * @param kind      the family of the type
 * @param precision VARCHAR's length, DECIMAL's precision, DATETIME's fractional digits; 0 where the type has none
 * @param scale     DECIMAL's scale; 0 otherwise
 */
public record ColumnType(Kind kind, int precision, int scale) {
    public enum Kind { BIGINT, INT, VARCHAR, DECIMAL, DATETIME }

    public ColumnType {
        if (precision < 0 || scale < 0 || scale > precision) {
            throw new IllegalArgumentException(kind + "(" + precision + ", " + scale + ")");
        }
    }

    public static ColumnType bigint() {
        return new ColumnType(Kind.BIGINT, 0, 0);
    }

    public static ColumnType integer() {
        return new ColumnType(Kind.INT, 0, 0);
    }

    public static ColumnType varchar(int length) {
        return new ColumnType(Kind.VARCHAR, length, 0);
    }

    public static ColumnType decimal(int precision, int scale) {
        return new ColumnType(Kind.DECIMAL, precision, scale);
    }

    /** A DATETIME with this many fractional second digits (the shop's are milliseconds: 3). */
    public static ColumnType datetime(int fractionalDigits) {
        return new ColumnType(Kind.DATETIME, fractionalDigits, 0);
    }

    /** As MySQL writes it: {@code BIGINT}, {@code VARCHAR(16)}, {@code DECIMAL(12,2)}, {@code DATETIME(3)}. */
    public String mysql() {
        return switch (kind) {
            case BIGINT, INT -> kind.name();
            case VARCHAR, DATETIME -> kind.name() + "(" + precision + ")";
            case DECIMAL -> "DECIMAL(" + precision + "," + scale + ")";
        };
    }
}
