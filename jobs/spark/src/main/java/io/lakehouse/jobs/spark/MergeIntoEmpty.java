package io.lakehouse.jobs.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * What a {@code MERGE INTO} amounts to when its target holds no row: no source row can match, so the MERGE inserts
 * each source row that satisfies one of its {@code WHEN NOT MATCHED} clauses, and nothing else. When every such
 * clause is {@code INSERT *}, that is {@code SELECT <the target's columns> FROM <source> <alias> WHERE <c1> OR <c2>
 * ...} (a clause without a condition makes the filter true). Spark plans that as one scan of the source, where the
 * MERGE plans its join, its file filter and the rewrite: a cold silver and gold at scale 1 took half the time
 * (docs/where-the-time-goes.md).
 *
 * <p>Only a MERGE of the shape {@code MERGE INTO target [[AS] t] USING (query) [AS] s ON ... WHEN ...} whose
 * clauses all parse is taken; anything else (another action on not-matched rows, a source without an alias, a
 * clause the parser cannot place) gives nothing, and the runner runs the MERGE as written. {@code WHEN MATCHED} and
 * {@code WHEN NOT MATCHED BY SOURCE} clauses act on target rows, of which there are none.
 */
record MergeIntoEmpty(String target, String source, String alias, String condition) {
    private static final Pattern HEAD = Pattern.compile(
            "^MERGE\\s+INTO\\s+([\\w.`]+)(?:\\s+(?:AS\\s+)?(?!USING\\b)\\w+)?\\s+USING\\s+",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ALIAS_ON = Pattern.compile("^\\s*(?:AS\\s+)?(?!ON\\b)(\\w+)\\s+ON\\s",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern NOT_MATCHED_INSERT_ALL = Pattern.compile(
            "^WHEN\\s+NOT\\s+MATCHED(?:\\s+BY\\s+TARGET)?(?:\\s+AND\\s+(.+))?\\s+THEN\\s+INSERT\\s*\\*$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern NOT_MATCHED = Pattern.compile(
            "^WHEN\\s+NOT\\s+MATCHED(?!\\s+BY\\s+SOURCE)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern ACTS_ON_TARGET_ROWS = Pattern.compile(
            "^WHEN\\s+(?:MATCHED|NOT\\s+MATCHED\\s+BY\\s+SOURCE)\\b.*\\sTHEN\\s.+$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    MergeIntoEmpty {
        requireNonNull(target, "target");
        requireNonNull(source, "source");
        requireNonNull(alias, "alias");
        requireNonNull(condition, "condition");
    }

    /** The insert a MERGE amounts to on an empty target; empty when the statement is not of a shape taken. */
    static Optional<MergeIntoEmpty> of(String merge) {
        String text = merge.strip();
        Matcher head = HEAD.matcher(text);
        if (!head.find() || head.end() >= text.length() || text.charAt(head.end()) != '(') {
            return Optional.empty();
        }
        int close = closingParenthesis(text, head.end());
        if (close < 0) {
            return Optional.empty();
        }
        String source = text.substring(head.end(), close + 1);
        Matcher aliasOn = ALIAS_ON.matcher(text.substring(close + 1));
        if (!aliasOn.find()) {
            return Optional.empty();
        }
        List<String> clauses = clauses(text.substring(close + 1 + aliasOn.end()));
        if (clauses.isEmpty()) {
            return Optional.empty();
        }
        List<String> conditions = new ArrayList<>();
        for (String clause : clauses) {
            Matcher insert = NOT_MATCHED_INSERT_ALL.matcher(clause);
            if (insert.matches()) {
                conditions.add(insert.group(1) == null ? "true" : "(" + insert.group(1).strip() + ")");
            } else if (NOT_MATCHED.matcher(clause).find() || !ACTS_ON_TARGET_ROWS.matcher(clause).matches()) {
                return Optional.empty();   // another action on a source row, or a fragment the parser cannot place
            }
        }
        if (conditions.isEmpty()) {
            return Optional.empty();   // nothing is inserted: a MERGE that cannot change an empty table
        }
        String condition = conditions.contains("true") ? "true" : String.join(" OR ", conditions);
        return Optional.of(new MergeIntoEmpty(head.group(1), source, aliasOn.group(1), condition));
    }

    /** The query whose rows the MERGE would insert, as the target's columns in its order. */
    String select(List<String> targetColumns) {
        if (targetColumns.isEmpty()) {
            throw new IllegalArgumentException("the target " + target + " has no columns");
        }
        List<String> columns = new ArrayList<>();
        for (String column : targetColumns) {
            columns.add(alias + ".`" + column.replace("`", "``") + "`");
        }
        return "SELECT " + String.join(", ", columns) + " FROM " + source + " " + alias + " WHERE " + condition;
    }

    /** The WHEN clauses after the ON condition, split at each WHEN outside parentheses and quotes. */
    private static List<String> clauses(String afterOn) {
        List<Integer> starts = new ArrayList<>();
        if (scan(afterOn, 0, (i, depth) -> {
            if (depth == 0 && wordAt(afterOn, i, "WHEN")) {
                starts.add(i);
            }
            return false;
        }) < 0) {
            return List.of();
        }
        List<String> clauses = new ArrayList<>();
        for (int k = 0; k < starts.size(); k++) {
            int end = k + 1 < starts.size() ? starts.get(k + 1) : afterOn.length();
            clauses.add(afterOn.substring(starts.get(k), end).strip());
        }
        return clauses;
    }

    private static boolean wordAt(String text, int i, String word) {
        return text.regionMatches(true, i, word, 0, word.length())
                && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)) && text.charAt(i - 1) != '_')
                && (i + word.length() == text.length() || !Character.isLetterOrDigit(text.charAt(i + word.length()))
                && text.charAt(i + word.length()) != '_');
    }

    /** The index of the parenthesis closing the one at {@code open}; -1 when there is none. */
    private static int closingParenthesis(String text, int open) {
        int close = scan(text, open, (i, depth) -> depth == 0 && text.charAt(i) == ')');
        return close < text.length() ? close : -1;
    }

    /** Told each character outside quotes with the parenthesis depth after it; true stops the scan there. */
    private interface Visitor {
        boolean stop(int index, int depth);
    }

    /**
     * Walks {@code text} from {@code from}, skipping quoted text ({@link SqlScript#closingQuote}): the index where the
     * visitor stopped, {@code text.length()} when it never did, -1 when a quote is never closed.
     */
    private static int scan(String text, int from, Visitor visitor) {
        int depth = 0;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = SqlScript.closingQuote(text, i);
                if (i < 0) {
                    return -1;
                }
                continue;
            }
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (visitor.stop(i, depth)) {
                return i;
            }
        }
        return text.length();
    }
}
