package io.lakehouse.deploy;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes the YAML of a generated file, in order, with the comments and the one anchor a compose file needs (a
 * serialiser of maps would drop both). Scalars are quoted wherever YAML could read them as something else. Shared
 * by the generated deployments (compose, Kubernetes), so both quote and indent alike.
 */
public final class YamlText {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./][A-Za-z0-9_./ =-]*");
    private static final Pattern NOT_A_STRING = Pattern.compile(
            "(?i)[-+]?[0-9._]+(e[-+]?[0-9]+)?|true|false|yes|no|on|off|null|~|y|n");

    private final StringBuilder out = new StringBuilder();
    private int depth;
    /** The next line starts a list item: its indentation ends in "- " (see {@link #item()}). */
    private boolean itemPending;

    public YamlText comment(String line) {
        indent();
        out.append(line.isEmpty() ? "#" : "# " + line).append('\n');
        return this;
    }

    public YamlText blank() {
        out.append('\n');
        return this;
    }

    /** {@code key: value}, with a trailing comment when {@code why} is not empty. */
    public YamlText scalar(String key, Object value, String why) {
        indent();
        out.append(key).append(": ").append(scalarText(value));
        if (!why.isEmpty()) {
            out.append("   # ").append(why);
        }
        out.append('\n');
        return this;
    }

    public YamlText scalar(String key, Object value) {
        return scalar(key, value, "");
    }

    /** {@code key:} opening a nested map; {@link #close()} ends it. */
    public YamlText open(String key) {
        indent();
        out.append(key).append(":\n");
        depth++;
        return this;
    }

    /** {@code key: &anchor} opening a nested map others merge with {@link #merge}. */
    public YamlText openAnchored(String key, String anchor) {
        indent();
        out.append(key).append(": &").append(anchor).append('\n');
        depth++;
        return this;
    }

    public YamlText merge(String anchor) {
        indent();
        out.append("<<: *").append(anchor).append('\n');
        return this;
    }

    public YamlText close() {
        depth--;
        return this;
    }

    /** {@code key: [a, b]}. */
    public YamlText flowList(String key, List<?> items) {
        indent();
        out.append(key).append(": [");
        for (int i = 0; i < items.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(flowText(items.get(i)));
        }
        out.append("]\n");
        return this;
    }

    /** {@code key:} and one {@code - item} line each. */
    public YamlText blockList(String key, List<?> items) {
        indent();
        out.append(key).append(":\n");
        for (Object item : items) {
            indent();
            out.append("  - ").append(scalarText(item)).append('\n');
        }
        return this;
    }

    /** {@code key:} opening a list whose items are maps, each begun by {@link #item()}; {@link #close()} ends it. */
    public YamlText sequence(String key) {
        return open(key);
    }

    /** A map as the next item of the {@link #sequence} open here; {@link #close()} ends it. */
    public YamlText item() {
        depth++;
        itemPending = true;
        return this;
    }

    /** {@code key: |} and the text's lines below it, as they are (a multi-line string, e.g. an inline patch). */
    public YamlText literal(String key, String text) {
        indent();
        out.append(key).append(": |\n");
        for (String line : text.split("\n", -1)) {
            if (!line.isEmpty()) {
                out.append("  ".repeat(depth + 1)).append(line);
            }
            out.append('\n');
        }
        if (text.endsWith("\n")) {
            out.setLength(out.length() - 1);
        }
        return this;
    }

    /** {@code ---}: the next YAML document of a multi-document file begins. */
    public YamlText document() {
        out.append("---\n");
        return this;
    }

    public String text() {
        return out.toString();
    }

    private void indent() {
        if (itemPending) {
            out.append("  ".repeat(depth - 1)).append("- ");
            itemPending = false;
        } else {
            out.append("  ".repeat(depth));
        }
    }

    private static String scalarText(Object value) {
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        String text = value.toString();
        return PLAIN.matcher(text).matches() && !NOT_A_STRING.matcher(text).matches() && !text.endsWith(" ")
                ? text : quoted(text);
    }

    /** In a flow list a comma ends the item: anything but a plain word is quoted. */
    private static String flowText(Object value) {
        String text = scalarText(value);
        return text.contains(" ") && !text.startsWith("\"") ? quoted(value.toString()) : text;
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
