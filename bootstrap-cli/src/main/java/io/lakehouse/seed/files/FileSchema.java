package io.lakehouse.seed.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A file source's declared schema: the format and how to read it, and the typed columns. The same JSON is
 * printed by {@code lakehouse load} when it infers a schema and read by {@code --schema FILE}:
 * <pre>
 * {"format": "csv", "delimiter": ",", "header": true, "encoding": "UTF-8",
 *  "columns": [{"name": "customer_id", "type": "long", "required": true}, ...]}
 * {"format": "xml", "record": "/catalog/product",
 *  "columns": [{"name": "sku", "type": "string", "required": true, "source": "@sku"}, ...]}
 * </pre>
 * {@code delimiter}, {@code header} and {@code encoding} are detected when absent.
 */
public record FileSchema(FileFormat format, Character delimiter, Boolean header, String encoding, String record,
                         List<ColumnSpec> columns) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public FileSchema {
        requireNonNull(format, "format");
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a schema needs at least one column");
        }
        if (format == FileFormat.XML && (record == null || !record.startsWith("/"))) {
            throw new IllegalArgumentException("an XML schema needs \"record\": the path of the record element, "
                    + "e.g. \"/catalog/product\"");
        }
        if (columns.stream().map(ColumnSpec::name).distinct().count() != columns.size()) {
            throw new IllegalArgumentException("column names must be unique: " + columns.stream()
                    .map(ColumnSpec::name).toList());
        }
    }

    public FileSchema withDelimiter(char d) {
        return new FileSchema(format, d, header, encoding, record, columns);
    }

    public FileSchema withHeader(boolean h) {
        return new FileSchema(format, delimiter, h, encoding, record, columns);
    }

    public FileSchema withEncoding(String e) {
        return new FileSchema(format, delimiter, header, e, record, columns);
    }

    public static FileSchema read(Path file) throws IOException {
        try {
            return fromJson(JSON.readTree(file.toFile()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("schema " + file + ": " + e.getMessage(), e);
        }
    }

    public static FileSchema fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a schema is a JSON object with \"format\" and \"columns\"");
        }
        List<ColumnSpec> columns = new ArrayList<>();
        for (JsonNode c : node.path("columns")) {
            if (!c.hasNonNull("name") || !c.hasNonNull("type")) {
                throw new IllegalArgumentException("every column needs \"name\" and \"type\": " + c);
            }
            columns.add(new ColumnSpec(c.get("name").asText(), ColumnType.parse(c.get("type").asText()),
                    c.path("required").asBoolean(false), c.path("source").asText(null)));
        }
        String delimiter = node.path("delimiter").asText(null);
        if (delimiter != null && delimiter.length() != 1) {
            throw new IllegalArgumentException("\"delimiter\" must be one character (\"\\t\" for tab), was '"
                    + delimiter + "'");
        }
        return new FileSchema(FileFormat.parse(node.path("format").asText("csv")),
                delimiter == null ? null : delimiter.charAt(0),
                node.hasNonNull("header") ? node.get("header").asBoolean() : null,
                node.path("encoding").asText(null), node.path("record").asText(null), columns);
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", format.id());
        if (delimiter != null) {
            root.put("delimiter", delimiter.toString());
        }
        if (header != null) {
            root.put("header", header);
        }
        if (encoding != null) {
            root.put("encoding", encoding);
        }
        if (record != null) {
            root.put("record", record);
        }
        ArrayNode array = root.putArray("columns");
        for (ColumnSpec c : columns) {
            ObjectNode col = array.addObject();
            col.put("name", c.name());
            col.put("type", c.type().toString());
            if (c.required()) {
                col.put("required", true);
            }
            if (!c.source().equals(c.name())) {
                col.put("source", c.source());
            }
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
