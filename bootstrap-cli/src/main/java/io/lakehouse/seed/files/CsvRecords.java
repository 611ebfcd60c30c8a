package io.lakehouse.seed.files;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CSV records through Jackson's CSV parser (RFC 4180 quoting: delimiters, quotes and newlines inside quoted fields),
 * each with its first line number and raw text. Blank lines are not records. A record with more or fewer fields
 * than the header is rejected as it is; broken quoting ends the file with one rejected record holding the rest.
 */
public final class CsvRecords extends RecordIterator {
    private static final int MAX_RAW = 64 * 1024;
    private static final CsvMapper MAPPER = new CsvMapper();

    private final RecordingReader text;
    private final CsvParser parser;
    private final List<ColumnSpec> columns;
    private final int[] fieldOfColumn;
    private final int expectedFields;
    private long previousEnd;

    public CsvRecords(Reader reader, FileSchema schema, String fileName) throws IOException {
        this.text = new RecordingReader(reader);
        this.parser = (CsvParser) MAPPER.getFactory().createParser(text);
        parser.setSchema(CsvSchema.emptySchema().withColumnSeparator(schema.delimiter()).withoutHeader());
        parser.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
        this.columns = schema.columns();
        this.fieldOfColumn = new int[columns.size()];
        if (Boolean.TRUE.equals(schema.header())) {
            List<String> header = readRow();
            if (header == null) {
                header = List.of();
            }
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                index.putIfAbsent(header.get(i).strip(), i);
                index.putIfAbsent(header.get(i).strip().toLowerCase(Locale.ROOT), i);
            }
            for (int c = 0; c < columns.size(); c++) {
                Integer i = index.getOrDefault(columns.get(c).source(),
                        index.get(columns.get(c).source().toLowerCase(Locale.ROOT)));
                if (i == null) {
                    throw new IllegalArgumentException(fileName + " has no column '" + columns.get(c).source()
                            + "' in its header " + header + "; fix the schema's \"source\" of column '"
                            + columns.get(c).name() + "' or the file");
                }
                fieldOfColumn[c] = i;
            }
            this.expectedFields = header.size();
        } else {
            for (int c = 0; c < columns.size(); c++) {
                fieldOfColumn[c] = c;
            }
            this.expectedFields = columns.size();
        }
    }

    private List<String> readRow() throws IOException {
        return parser.nextToken() == null ? null : restOfRow(16);
    }

    /** The fields of the row whose start the parser just read. */
    private List<String> restOfRow(int expected) throws IOException {
        List<String> fields = new ArrayList<>(expected);
        for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY && next != null;
             next = parser.nextToken()) {
            fields.add(parser.getText());
        }
        return fields;
    }

    @Override
    protected RawRecord advance() {
        long line = -1;
        try {
            previousEnd = Math.max(previousEnd, parser.currentLocation().getCharOffset());
            text.discardBefore(previousEnd);
            if (parser.nextToken() == null) {
                endOfInput();
                return null;
            }
            line = parser.currentLocation().getLineNr();
            List<String> fields = restOfRow(expectedFields);
            long end = parser.currentLocation().getCharOffset();
            String raw = strip(text.slice(previousEnd, end));
            previousEnd = end;
            if (fields.size() != expectedFields) {
                return RawRecord.rejected(line, null, raw, RejectReason.WRONG_COLUMN_COUNT,
                        "expected " + expectedFields + " fields, found " + fields.size());
            }
            Map<String, String> values = new HashMap<>(columns.size() * 2);
            for (int c = 0; c < columns.size(); c++) {
                String v = fields.get(fieldOfColumn[c]);
                values.put(columns.get(c).source(), v.isEmpty() ? null : v);
            }
            return new RawRecord(line, null, raw, values, null);
        } catch (IOException | RuntimeException e) {
            // the parser cannot go on (e.g. a quote never closed): everything from here is one rejected record
            endOfInput();
            drain();
            String rest = strip(text.slice(previousEnd, Long.MAX_VALUE));
            if (rest.isBlank()) {
                return null;
            }
            String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            return RawRecord.rejected(line > 0 ? line : parser.currentLocation().getLineNr(), null,
                    rest.length() > MAX_RAW ? rest.substring(0, MAX_RAW) : rest, RejectReason.UNPARSEABLE,
                    "CSV parser stopped: " + message + " (the rest of the file is this record)");
        }
    }

    /** Reads the rest of the text (up to MAX_RAW) into the recording window. */
    private void drain() {
        char[] buffer = new char[8192];
        try {
            long read = 0;
            int n;
            while (read < MAX_RAW && (n = text.read(buffer, 0, buffer.length)) > 0) {
                read += n;
            }
        } catch (IOException ignored) {
            // what could be read is kept
        }
    }

    private static String strip(String raw) {
        int start = 0;
        while (start < raw.length() && (raw.charAt(start) == '\n' || raw.charAt(start) == '\r')) {
            start++;
        }
        int end = raw.length();
        while (end > start && (raw.charAt(end - 1) == '\n' || raw.charAt(end - 1) == '\r')) {
            end--;
        }
        return raw.substring(start, end);
    }

    @Override
    public void close() throws IOException {
        parser.close();
        text.close();
    }
}
