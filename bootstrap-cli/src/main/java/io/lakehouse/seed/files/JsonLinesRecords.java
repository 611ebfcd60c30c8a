package io.lakehouse.seed.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON lines: one JSON object per line (blank lines are not records). Column sources are paths ({@code id},
 * {@code user.address.city}, or a JSON Pointer such as {@code /a.b} where a key holds a dot); a value keeps the
 * text it had (see {@link JsonLine}). A line that is not one JSON object is rejected on its own; the next line is
 * read as usual.
 */
public final class JsonLinesRecords extends RecordIterator {
    private final BufferedReader lines;
    private final List<ColumnSpec> columns;
    private final String[] pointers;
    private long lineNumber;

    public JsonLinesRecords(Reader reader, FileSchema schema) {
        this.lines = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
        this.columns = schema.columns();
        this.pointers = columns.stream().map(c -> JsonLine.pointer(c.source())).toArray(String[]::new);
    }

    @Override
    protected RawRecord advance() {
        try {
            String line;
            do {
                line = lines.readLine();
                lineNumber++;
                if (line == null) {
                    endOfInput();
                    return null;
                }
            } while (line.isBlank());
            Map<String, JsonLine.Value> flat;
            try {
                flat = JsonLine.flatten(line);
            } catch (JsonLine.NotARecord e) {
                return RawRecord.rejected(lineNumber, null, line, RejectReason.UNPARSEABLE, e.getMessage());
            }
            Map<String, String> values = new HashMap<>(columns.size() * 2);
            for (int c = 0; c < columns.size(); c++) {
                JsonLine.Value v = flat.get(pointers[c]);
                values.put(columns.get(c).name(), v == null ? null : v.text());
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
