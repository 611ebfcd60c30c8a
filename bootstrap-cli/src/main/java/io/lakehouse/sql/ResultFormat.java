package io.lakehouse.sql;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** How query results are printed: an aligned table for people, CSV or JSON for scripts. */
public enum ResultFormat {
    TABLE, CSV, JSON;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public void print(QueryResult result, PrintWriter out) {
        switch (this) {
            case TABLE -> table(result, out);
            case CSV -> csv(result, out);
            case JSON -> json(result, out);
        }
        out.flush();
    }

    private static void table(QueryResult result, PrintWriter out) {
        if (result.columns().isEmpty()) {
            out.println(result.updateCount() >= 0 ? "OK (" + result.updateCount() + " row(s) affected)" : "OK");
            return;
        }
        int[] widths = new int[result.columns().size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = result.columns().get(i).length();
            for (List<String> row : result.rows()) {
                widths[i] = Math.max(widths[i], text(row.get(i)).length());
            }
        }
        List<String> separators = new ArrayList<>();
        for (int width : widths) {
            separators.add("-".repeat(width));
        }
        out.println(line(result.columns(), widths, result.numeric()));
        out.println(String.join("-+-", separators));
        for (List<String> row : result.rows()) {
            out.println(line(row, widths, result.numeric()));
        }
        out.println("(" + result.rows().size() + " row" + (result.rows().size() == 1 ? "" : "s") + ")");
    }

    private static String line(List<String> cells, int[] widths, List<Boolean> numeric) {
        List<String> padded = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            String cell = text(cells.get(i));
            padded.add(numeric.get(i) ? " ".repeat(widths[i] - cell.length()) + cell
                    : cell + " ".repeat(widths[i] - cell.length()));
        }
        return String.join(" | ", padded).stripTrailing();
    }

    private static String text(String value) {
        return value == null ? "NULL" : value;
    }

    private static void csv(QueryResult result, PrintWriter out) {
        out.println(String.join(",", result.columns().stream().map(ResultFormat::csvField).toList()));
        for (List<String> row : result.rows()) {
            out.println(String.join(",", row.stream().map(v -> v == null ? "" : csvField(v)).toList()));
        }
    }

    private static String csvField(String value) {
        boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
        return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    private static void json(QueryResult result, PrintWriter out) {
        ArrayNode rows = MAPPER.createArrayNode();
        for (List<Object> row : result.values()) {
            ObjectNode node = rows.addObject();
            for (int i = 0; i < result.columns().size(); i++) {
                node.set(result.columns().get(i), MAPPER.valueToTree(row.get(i)));
            }
        }
        try {
            out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(rows));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
