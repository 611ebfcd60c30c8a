package io.lakehouse.seed.files;

import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A declared column type, written in schema files as {@code string, int, long, double, decimal(P,S), boolean,
 * date, timestamp, timestamptz}, and how a text value becomes a typed value (or is rejected with its reason).
 */
public record ColumnType(Kind kind, int precision, int scale) {
    public enum Kind { STRING, INT, LONG, DOUBLE, DECIMAL, BOOLEAN, DATE, TIMESTAMP, TIMESTAMPTZ }

    public static final ColumnType STRING = new ColumnType(Kind.STRING, 0, 0);
    public static final ColumnType INT = new ColumnType(Kind.INT, 0, 0);
    public static final ColumnType LONG = new ColumnType(Kind.LONG, 0, 0);
    public static final ColumnType DOUBLE = new ColumnType(Kind.DOUBLE, 0, 0);
    public static final ColumnType BOOLEAN = new ColumnType(Kind.BOOLEAN, 0, 0);
    public static final ColumnType DATE = new ColumnType(Kind.DATE, 0, 0);
    public static final ColumnType TIMESTAMP = new ColumnType(Kind.TIMESTAMP, 0, 0);
    public static final ColumnType TIMESTAMPTZ = new ColumnType(Kind.TIMESTAMPTZ, 0, 0);

    private static final Pattern DECIMAL = Pattern.compile("decimal\\(\\s*(\\d+)\\s*,\\s*(\\d+)\\s*\\)");
    /** ISO dates, strictly: 2021-02-30 is rejected, not moved to March. */
    static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    /** 2024-05-01T10:00:00, 2024-05-01 10:00:00.123 */
    static final DateTimeFormatter LOCAL_TS = new DateTimeFormatterBuilder()
            .append(ISO_DATE).optionalStart().appendLiteral('T').optionalEnd().optionalStart().appendLiteral(' ')
            .optionalEnd().appendPattern("HH:mm").optionalStart().appendPattern(":ss").optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter OFFSET_TS = new DateTimeFormatterBuilder().append(LOCAL_TS)
            .appendOffset("+HH:MM", "Z").toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);

    public static ColumnType decimal(int precision, int scale) {
        if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
            throw new IllegalArgumentException("decimal(" + precision + "," + scale
                    + "): precision must be 1..38 and scale 0..precision");
        }
        return new ColumnType(Kind.DECIMAL, precision, scale);
    }

    /** Parses a type as written in a schema file. */
    public static ColumnType parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = DECIMAL.matcher(t);
        if (m.matches()) {
            return decimal(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        return switch (t) {
            case "string" -> STRING;
            case "int", "integer" -> INT;
            case "long", "bigint" -> LONG;
            case "double" -> DOUBLE;
            case "boolean" -> BOOLEAN;
            case "date" -> DATE;
            case "timestamp" -> TIMESTAMP;
            case "timestamptz" -> TIMESTAMPTZ;
            default -> throw new IllegalArgumentException("unknown column type '" + text + "'; use one of string, "
                    + "int, long, double, decimal(P,S), boolean, date, timestamp, timestamptz");
        };
    }

    @Override
    public String toString() {
        return kind == Kind.DECIMAL ? "decimal(" + precision + "," + scale + ")" : kind.name().toLowerCase(Locale.ROOT);
    }

    public Type icebergType() {
        return switch (kind) {
            case STRING -> Types.StringType.get();
            case INT -> Types.IntegerType.get();
            case LONG -> Types.LongType.get();
            case DOUBLE -> Types.DoubleType.get();
            case DECIMAL -> Types.DecimalType.of(precision, scale);
            case BOOLEAN -> Types.BooleanType.get();
            case DATE -> Types.DateType.get();
            case TIMESTAMP -> Types.TimestampType.withoutZone();
            case TIMESTAMPTZ -> Types.TimestampType.withZone();
        };
    }

    /** The typed value of a non-empty text, as Iceberg's generic records hold it. */
    public Object convert(String column, String text) throws RejectedValue {
        String v = kind == Kind.STRING ? text : text.strip();
        try {
            return switch (kind) {
                case STRING -> text;
                case INT -> Integer.parseInt(v);
                case LONG -> Long.parseLong(v);
                case DOUBLE -> Double.parseDouble(v);
                case DECIMAL -> toDecimal(column, v);
                case BOOLEAN -> toBoolean(column, v);
                case DATE -> LocalDate.parse(v, ISO_DATE);
                case TIMESTAMP -> LocalDateTime.parse(v, LOCAL_TS);
                case TIMESTAMPTZ -> OffsetDateTime.parse(v, OFFSET_TS);
            };
        } catch (NumberFormatException e) {
            throw new RejectedValue(RejectReason.BAD_NUMBER, "column " + column + ": '" + v + "' is not "
                    + (kind == Kind.DOUBLE ? "a number" : kind == Kind.DECIMAL ? "a decimal" : "an integer"));
        } catch (DateTimeParseException e) {
            throw new RejectedValue(RejectReason.BAD_DATE, "column " + column + ": '" + v + "' is not a "
                    + (kind == Kind.DATE ? "date (yyyy-MM-dd)" : kind == Kind.TIMESTAMP
                    ? "timestamp (yyyy-MM-dd HH:mm:ss[.SSS])" : "timestamp with offset (yyyy-MM-ddTHH:mm:ssZ)"));
        }
    }

    private BigDecimal toDecimal(String column, String v) throws RejectedValue {
        BigDecimal value = new BigDecimal(v);
        if (value.scale() > scale) {
            BigDecimal rounded = value.setScale(scale, RoundingMode.HALF_UP);
            if (rounded.compareTo(value) != 0) {
                throw new RejectedValue(RejectReason.BAD_NUMBER, "column " + column + ": '" + v + "' has more than "
                        + scale + " decimal places");
            }
            value = rounded;
        }
        value = value.setScale(scale, RoundingMode.UNNECESSARY);
        if (value.precision() > precision) {
            throw new RejectedValue(RejectReason.BAD_NUMBER, "column " + column + ": '" + v + "' does not fit "
                    + this);
        }
        return value;
    }

    private static Boolean toBoolean(String column, String v) throws RejectedValue {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "t", "yes", "y", "1" -> Boolean.TRUE;
            case "false", "f", "no", "n", "0" -> Boolean.FALSE;
            default -> throw new RejectedValue(RejectReason.BAD_BOOLEAN, "column " + column + ": '" + v
                    + "' is not a boolean (true/false, yes/no, 1/0)");
        };
    }

    /** A value that cannot be typed: the record goes to quarantine with this reason. */
    public static final class RejectedValue extends Exception {
        private final RejectReason reason;

        public RejectedValue(RejectReason reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }

        public RejectReason reason() {
            return reason;
        }

        public String describe() {
            return reason.describe(getMessage());
        }
    }
}
