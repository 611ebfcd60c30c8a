package io.lakehouse.jobs.spark;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * One statement of a SQL file: where it is (file name, its number in the file, counting from 1) and its text
 * without comments or the closing semicolon.
 */
public record SqlStatement(String file, int number, String text) {
    private static final Pattern WRITE = Pattern.compile(
            "^(MERGE\\s+INTO|INSERT\\s+(?:INTO|OVERWRITE)(?:\\s+TABLE)?)\\s+([\\w.`]+)",
            Pattern.CASE_INSENSITIVE);
    /** Iceberg's Spark procedure that compacts a table: {@code CALL catalog.system.rewrite_data_files(table => 'x'}. */
    private static final Pattern REWRITE = Pattern.compile(
            "^CALL\\s+(\\w+)\\.system\\.rewrite_data_files\\s*\\(\\s*table\\s*=>\\s*'([\\w.]+)'",
            Pattern.CASE_INSENSITIVE);
    private static final int LABEL_WORDS = 4;

    public SqlStatement {
        requireNonNull(file, "file");
        requireNonNull(text, "text");
        if (number < 1) {
            throw new IllegalArgumentException("statements count from 1, not " + number);
        }
    }

    /** The table a MERGE or INSERT writes, as written in the statement; empty for anything else. */
    public Optional<String> writtenTable() {
        Matcher m = WRITE.matcher(text);
        return m.find() ? Optional.of(m.group(2)) : Optional.empty();
    }

    /**
     * The table a {@code rewrite_data_files} call compacts, named with the call's catalog ("lakehouse.bronze.orders");
     * empty for anything else.
     */
    public Optional<String> rewrittenTable() {
        Matcher m = REWRITE.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        String table = m.group(2);
        return Optional.of(table.split("\\.").length >= 3 ? table : m.group(1) + "." + table);
    }

    /** What the statement does in a few words, for progress lines: "MERGE INTO lakehouse.silver.orders". */
    public String label() {
        Matcher m = WRITE.matcher(text);
        if (m.find()) {
            return m.group(1).replaceAll("\\s+", " ").toUpperCase() + " " + m.group(2);
        }
        String[] words = text.split("\\s+");
        StringBuilder label = new StringBuilder();
        for (int i = 0; i < Math.min(words.length, LABEL_WORDS); i++) {
            label.append(i == 0 ? "" : " ").append(words[i]);
        }
        return label.toString();
    }

    /** "silver.sql statement 3 (MERGE INTO lakehouse.silver.orders)": how errors name the statement. */
    public String where() {
        return file + " statement " + number + " (" + label() + ")";
    }
}
