package io.lakehouse.jobs.spark;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a SQL file into statements at semicolons that are outside quotes ('…', "…", `…`) and comments
 * ({@code --} to the end of the line, {@code /* … *}{@code /}). Comments are dropped, so a statement's text is what
 * Spark runs.
 */
public final class SqlScript {
    private SqlScript() {
    }

    public static List<SqlStatement> statements(String file, String script) {
        List<SqlStatement> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                while (i < n && script.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                int end = script.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new IllegalArgumentException(file + ": a /* comment is never closed");
                }
                current.append(' ');
                i = end + 2;
            } else if (c == '\'' || c == '"' || c == '`') {
                int end = closingQuote(script, i);
                if (end < 0) {
                    throw new IllegalArgumentException(file + ": a " + c + " quote is never closed (statement "
                            + (statements.size() + 1) + ")");
                }
                current.append(script, i, end + 1);
                i = end + 1;
            } else if (c == ';') {
                add(statements, file, current);
                i++;
            } else {
                current.append(c);
                i++;
            }
        }
        add(statements, file, current);
        return statements;
    }

    /**
     * The index of the quote closing the one at {@code open} ('…', "…" or `…`, a backslash escaping the next
     * character); -1 when it is never closed.
     */
    static int closingQuote(String text, int open) {
        char quote = text.charAt(open);
        int i = open + 1;
        while (i < text.length() && text.charAt(i) != quote) {
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return i < text.length() ? i : -1;
    }

    private static void add(List<SqlStatement> statements, String file, StringBuilder text) {
        String statement = text.toString().strip();
        text.setLength(0);
        if (!statement.isEmpty()) {
            statements.add(new SqlStatement(file, statements.size() + 1, statement));
        }
    }
}
