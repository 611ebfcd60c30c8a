package io.lakehouse.seed.files;

import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The type of one column, inferred from every value it holds (one value at a time, so a whole file can be read).
 * A type is inferred only when each value, stored as that type, prints back exactly as written; otherwise the
 * column is text. So {@code 00501}, {@code +5}, {@code 1.5} beside {@code 1.50}, {@code 12} beside {@code 12.50},
 * {@code TRUE}, {@code " 7"} and timestamps with an offset other than UTC all stay text: nothing is altered on
 * the way in. Empty values (null) say nothing about the type.
 */
public final class TypeGuess {
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9]\\d{0,18})");
    private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9]\\d*)\\.(\\d+)");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}([T ])\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,6})?)?");
    private static final Pattern TIMESTAMP_UTC = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}([T ])\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,6})?)?(Z|\\+00:00)");
    private static final DateTimeFormatter ISO_DATE = ColumnType.ISO_DATE;
    private static final DateTimeFormatter LOCAL_TS = ColumnType.LOCAL_TS;

    private boolean any;
    private boolean bool = true;
    private boolean integer = true;
    private boolean decimal = true;
    private int scale = -1;
    private int integerDigits = 1;
    private boolean date = true;
    private boolean timestamp = true;
    private boolean timestampUtc = true;
    private char separator;
    private boolean json;

    /** Takes one value (null or empty: nothing to learn). */
    public void add(String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        any = true;
        if (bool && !value.equals("true") && !value.equals("false")) {
            bool = false;
        }
        if (integer && !(INTEGER.matcher(value).matches() && !value.equals("-0") && fitsLong(value))) {
            integer = false;
        }
        if (decimal) {
            decimal = decimalFits(value);
        }
        if (date && !(DATE.matcher(value).matches() && parses(value, ISO_DATE))) {
            date = false;
        }
        if (timestamp) {
            timestamp = TIMESTAMP.matcher(value).matches() && sameSeparator(value) && parses(value, LOCAL_TS);
        }
        if (timestampUtc) {
            timestampUtc = TIMESTAMP_UTC.matcher(value).matches() && sameSeparator(value)
                    && parses(value.replaceAll("(Z|\\+00:00)$", ""), LOCAL_TS);
        }
    }

    /** A value that is a nested structure (JSON text of an object or array): the column is text. */
    public void addStructure() {
        any = true;
        json = true;
    }

    /** The narrowest type every value printed back exactly from, or string. */
    public ColumnType type() {
        if (!any || json) {
            return ColumnType.STRING;
        }
        if (bool) {
            return ColumnType.BOOLEAN;
        }
        if (integer) {
            return ColumnType.LONG;
        }
        if (decimal && scale >= 0) {
            return ColumnType.decimal(Math.max(18, Math.min(38, integerDigits + scale)), scale);
        }
        if (date) {
            return ColumnType.DATE;
        }
        if (timestamp) {
            return ColumnType.TIMESTAMP;
        }
        if (timestampUtc) {
            return ColumnType.TIMESTAMPTZ;
        }
        return ColumnType.STRING;
    }


    private boolean decimalFits(String value) {
        var m = DECIMAL.matcher(value);
        if (!m.matches()) {
            return false;
        }
        int s = m.group(2).length();
        int digits = m.group(1).length();
        if (scale >= 0 && s != scale) {
            return false; // 1.5 beside 1.50: one scale would print one of them differently
        }
        if (value.startsWith("-") && value.chars().noneMatch(ch -> ch >= '1' && ch <= '9')) {
            return false; // -0.00 prints back as 0.00
        }
        scale = s;
        integerDigits = Math.max(integerDigits, digits);
        return integerDigits + scale <= 38;
    }

    private boolean sameSeparator(String value) {
        char s = value.length() > 10 ? value.charAt(10) : 0;
        if (separator == 0) {
            separator = s;
        }
        return separator == s;
    }

    private static boolean fitsLong(String value) {
        try {
            Long.parseLong(value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean parses(String value, DateTimeFormatter format) {
        try {
            format.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The type of a list of values (tests, header detection). */
    public static ColumnType of(Iterable<String> values) {
        TypeGuess guess = new TypeGuess();
        values.forEach(guess::add);
        return guess.type();
    }

}
