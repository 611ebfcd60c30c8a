package io.lakehouse.seed.files;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON lines: one JSON object per line (blank lines skipped). Column sources are field names, dotted for nested
 * fields ({@code address.city}); a nested object or array where a value is declared is kept as its JSON text.
 * A line that is not a JSON object is rejected on its own; the next line is read as usual.
 */
public final class JsonLinesRecords extends RecordIterator {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedReader lines;
    private final List<ColumnSpec> columns;
    private long lineNumber;

    public JsonLinesRecords(Reader reader, FileSchema schema) {
        this.lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
        this.columns = schema.columns();
    }

    @Override
    protected RawRecord advance() {
        try {
            String line;
            do {
                line = lines.readLine();
                lineNumber++;
                if (line == null) {
                    return null;
                }
            } while (line.isBlank());
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                return RawRecord.rejected(lineNumber, null, line, RejectReason.UNPARSEABLE,
                        "not JSON: " + e.getOriginalMessage());
            }
            if (node == null || !node.isObject()) {
                return RawRecord.rejected(lineNumber, null, line, RejectReason.UNPARSEABLE,
                        "a JSON lines record must be an object, found " + (node == null ? "nothing" : node.getNodeType()));
            }
            Map<String, String> values = new HashMap<>(columns.size() * 2);
            for (ColumnSpec column : columns) {
                JsonNode value = node.at("/" + column.source().replace(".", "/"));
                String text = value.isMissingNode() || value.isNull() ? null
                        : value.isValueNode() ? value.asText() : value.toString();
                values.put(column.source(), text == null || text.isEmpty() ? null : text);
            }
            return new RawRecord(lineNumber, null, line, values, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
