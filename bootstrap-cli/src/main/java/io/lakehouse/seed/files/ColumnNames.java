package io.lakehouse.seed.files;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Column names for a table from names in a file (header cells, JSON keys, XML paths): lower_snake_case and
 * SQL-safe ({@code "Signup Date"} → {@code signup_date}, {@code price/@currency} → {@code price_currency},
 * {@code 2019} → {@code c_2019}, an empty one → {@code column_N} by its position), and unique within a table:
 * {@code Name} and {@code name} become {@code name} and {@code name_2}, never one column for both. The loader's
 * own columns ({@code _source_file}, {@code _source_line}, {@code _source_path}) are never given to data.
 */
public final class ColumnNames {
    private final Set<String> used = new HashSet<>(Set.of(BronzeTables.SOURCE_FILE, BronzeTables.SOURCE_LINE,
            BronzeTables.SOURCE_PATH));

    /** A unique SQL-safe name for {@code text}, the {@code index}-th (0-based) name of its file. */
    public String next(String text, int index) {
        String name = safe(text, index);
        String candidate = name;
        for (int n = 2; !used.add(candidate); n++) {
            candidate = name + "_" + n;
        }
        return candidate;
    }

    /** A SQL-safe name for a table or namespace name typed by a user ({@code Raw-Events} → {@code raw_events}). */
    public static String safe(String text) {
        return safe(text, 0).replaceFirst("^column_1$", "t");
    }

    /** lower_snake_case from a header or path; {@code column_N} (1-based) when nothing is left of it. */
    static String safe(String text, int index) {
        String plain = text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String name = plain.strip().replace("@", "")
                .replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (name.isEmpty()) {
            return "column_" + (index + 1);
        }
        return Character.isDigit(name.charAt(0)) ? "c_" + name : name;
    }
}
