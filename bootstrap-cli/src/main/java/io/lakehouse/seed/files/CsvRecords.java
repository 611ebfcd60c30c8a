package io.lakehouse.seed.files;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CSV records ({@link CsvSplitter}), each with its first line number and raw text, its values by column source.
 * With a header, columns are found in it by name (the k-th column named X takes the k-th header cell named X, so
 * duplicate names keep their own values; {@code #N} is the N-th cell, for an empty name). A record of another width
 * than the header is rejected as it is, except that trailing cells which are empty on one side are not data: a
 * header ending in a delimiter (Excel) or rows that do. A stray quote costs its one line, nothing more.
 */
public final class CsvRecords extends RecordIterator {
    private final CsvSplitter splitter;
    private final Reader reader;
    private final List<ColumnSpec> columns;
    private final int[] fieldOfColumn;
    private final int expectedFields;
    private final int minimumFields;

    public CsvRecords(Reader reader, FileSchema schema, String fileName) throws IOException {
        this.reader = reader;
        this.splitter = new CsvSplitter(reader, schema.delimiter());
        this.columns = schema.columns();
        this.fieldOfColumn = new int[columns.size()];
        if (Boolean.TRUE.equals(schema.header())) {
            CsvSplitter.Split first = splitter.next();
            List<String> header = first == null ? List.of() : first.fields();
            for (int c = 0; c < columns.size(); c++) {
                fieldOfColumn[c] = cellOf(header, columns, c, fileName);
            }
            int width = header.size();
            int minimum = width;
            while (minimum > 0 && blank(header.get(minimum - 1))) {
                minimum--;
            }
            this.expectedFields = width;
            this.minimumFields = minimum;
        } else {
            for (int c = 0; c < columns.size(); c++) {
                fieldOfColumn[c] = c;
            }
            this.expectedFields = columns.size();
            this.minimumFields = columns.size();
        }
        splitter.expectFields(expectedFields);
    }

    /** The header cell that column {@code c} reads. */
    static int cellOf(List<String> header, List<ColumnSpec> columns, int c, String fileName) {
        String source = columns.get(c).source().strip();
        int occurrence = 0;
        for (int earlier = 0; earlier < c; earlier++) {
            if (columns.get(earlier).source().strip().equals(source)) {
                occurrence++;
            }
        }
        List<Integer> exact = new ArrayList<>();
        List<Integer> ignoringCase = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String cell = header.get(i) == null ? "" : header.get(i).strip();
            if (cell.equals(source)) {
                exact.add(i);
            } else if (cell.toLowerCase(Locale.ROOT).equals(source.toLowerCase(Locale.ROOT))) {
                ignoringCase.add(i);
            }
        }
        if (occurrence < exact.size()) {
            return exact.get(occurrence);
        }
        if (exact.isEmpty() && ignoringCase.size() == 1 && occurrence == 0) {
            return ignoringCase.get(0);
        }
        if (source.matches("#\\d+")) {
            int position = Integer.parseInt(source.substring(1)) - 1;
            if (position < header.size()) {
                return position;
            }
        }
        throw new InputRefusedException(fileName + " has no column '" + columns.get(c).source() + "' in its header "
                + header + "; fix the schema's \"source\" of column '" + columns.get(c).name() + "' or the file");
    }

    private static boolean blank(String cell) {
        return cell == null || cell.isBlank();
    }

    @Override
    protected RawRecord advance() {
        CsvSplitter.Split split;
        try {
            split = splitter.next();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (split == null) {
            endOfInput();
            return null;
        }
        if (split.problem() != null) {
            return RawRecord.rejected(split.line(), null, split.raw(), RejectReason.UNPARSEABLE,
                    "line " + split.line() + ": " + split.problem());
        }
        List<String> fields = split.fields();
        int n = fields.size();
        boolean fits = n == expectedFields
                || n >= minimumFields && n < expectedFields
                || n > expectedFields && emptyFrom(fields, expectedFields);
        if (!fits) {
            return RawRecord.rejected(split.line(), null, split.raw(), RejectReason.WRONG_COLUMN_COUNT,
                    "expected " + expectedFields + " fields, found " + n);
        }
        Map<String, String> values = new HashMap<>(columns.size() * 2);
        for (int c = 0; c < columns.size(); c++) {
            int f = fieldOfColumn[c];
            values.put(columns.get(c).name(), f < n ? fields.get(f) : null);
        }
        return new RawRecord(split.line(), null, split.raw(), values, null);
    }

    private static boolean emptyFrom(List<String> fields, int from) {
        for (int i = from; i < fields.size(); i++) {
            if (fields.get(i) != null && !fields.get(i).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
