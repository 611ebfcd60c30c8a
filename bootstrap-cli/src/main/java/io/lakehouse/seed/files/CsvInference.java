package io.lakehouse.seed.files;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A CSV file's schema, read from the whole file: delimiter (from a sample), whether the first row is a header, and
 * each column's type ({@link TypeGuess} over every value, so a late {@code N/A} makes a column text instead of
 * being quarantined). The header is detected by content: a first row that breaks a column typed below it
 * ({@code id} over numbers), or, in an all-text file, a row of names that none of the rows below repeat.
 * Duplicate, empty or numeric header cells do not defeat it; {@code --header/--no-header} overrides it.
 */
final class CsvInference {
    private static final int REPEAT_WINDOW = 1000;

    private CsvInference() {
    }

    static FileSchema infer(Path file, Boolean header) throws IOException {
        Charset charset = TextInput.charset(file, null);
        String sample = SchemaInference.sample(file, charset);
        return infer(file, charset, sample, SchemaInference.delimiter(sample), header);
    }

    static FileSchema infer(Path file, Charset charset, char delimiter, Boolean header) throws IOException {
        return infer(file, charset, SchemaInference.sample(file, charset), delimiter, header);
    }

    private static FileSchema infer(Path file, Charset charset, String sample, char delimiter, Boolean header)
            throws IOException {
        int width = modeWidth(sample, delimiter);
        List<String> first;
        List<TypeGuess> withFirst = new ArrayList<>();
        List<TypeGuess> belowFirst = new ArrayList<>();
        List<Set<String>> seenBelow = new ArrayList<>();
        long records = 0;
        try (Reader reader = TextInput.reader(file, charset)) {
            CsvSplitter splitter = new CsvSplitter(reader, delimiter);
            CsvSplitter.Split row0 = splitter.next();
            while (row0 != null && row0.problem() != null) {
                row0 = splitter.next();
            }
            if (row0 == null) {
                throw new InputRefusedException(file + " has no records to infer a schema from; pass --schema FILE");
            }
            first = row0.fields();
            int columns = Math.max(width, first.size());
            for (int c = 0; c < columns; c++) {
                TypeGuess all = new TypeGuess();
                all.add(c < first.size() ? first.get(c) : null);
                withFirst.add(all);
                belowFirst.add(new TypeGuess());
                seenBelow.add(new HashSet<>());
            }
            splitter.expectFields(width);
            long rows = 0;
            for (CsvSplitter.Split row = splitter.next(); row != null; row = splitter.next()) {
                records++;
                if (row.problem() != null) {
                    continue;
                }
                rows++;
                List<String> fields = row.fields();
                for (int c = 0; c < Math.min(columns, fields.size()); c++) {
                    String v = fields.get(c);
                    withFirst.get(c).add(v);
                    belowFirst.get(c).add(v);
                    if (rows <= REPEAT_WINDOW && v != null) {
                        seenBelow.get(c).add(v.strip());
                    }
                }
            }
        }
        boolean hasHeader = header != null ? header : isHeader(first, withFirst, belowFirst, seenBelow);
        if (hasHeader && records == 0) {
            throw new NoRecordsException(file + " has a header and no records");
        }
        ColumnNames names = new ColumnNames();
        List<ColumnSpec> specs = new ArrayList<>();
        int columns = hasHeader ? first.size() : width;
        for (int c = 0; c < columns; c++) {
            if (hasHeader) {
                String cell = first.get(c) == null ? "" : first.get(c).strip();
                String source = cell.isEmpty() ? "#" + (c + 1) : cell;
                specs.add(new ColumnSpec(names.next(cell, c), belowFirst.get(c).type(), false, source));
            } else {
                specs.add(new ColumnSpec(names.next("", c), withFirst.get(c).type(), false, null));
            }
        }
        return new FileSchema(FileFormat.CSV, delimiter, hasHeader, charset.name(), null, specs);
    }

    static boolean isHeader(List<String> first, List<TypeGuess> withFirst, List<TypeGuess> belowFirst,
                            List<Set<String>> seenBelow) {
        boolean anyTyped = false;
        for (int c = 0; c < Math.min(first.size(), belowFirst.size()); c++) {
            String cell = first.get(c);
            boolean typedBelow = belowFirst.get(c).type() != ColumnType.STRING;
            anyTyped |= typedBelow;
            if (cell != null && !cell.isBlank() && typedBelow && withFirst.get(c).type() == ColumnType.STRING) {
                return true; // "amount" over numbers
            }
        }
        if (anyTyped) {
            return false; // the first row fits every typed column: it is data
        }
        boolean anyName = false;
        for (int c = 0; c < first.size(); c++) {
            String cell = first.get(c) == null ? "" : first.get(c).strip();
            if (cell.isEmpty()) {
                continue;
            }
            if (!cell.matches("[\\p{L}_#][^\\r\\n]{0,127}")) {
                return false;
            }
            if (c < seenBelow.size() && seenBelow.get(c).contains(cell)) {
                return false; // a value the rows below repeat is data
            }
            anyName = true;
        }
        return anyName;
    }

    /** The most common record width in the sample (more fields win a tie). */
    static int modeWidth(String sample, char delimiter) throws IOException {
        Map<Integer, Integer> frequency = new HashMap<>();
        CsvSplitter splitter = new CsvSplitter(new StringReader(sample), delimiter);
        int n = 0;
        for (CsvSplitter.Split row = splitter.next(); row != null && n < SchemaInference.SAMPLE_RECORDS;
             row = splitter.next()) {
            if (row.problem() == null) {
                frequency.merge(row.fields().size(), 1, Integer::sum);
                n++;
            }
        }
        return frequency.entrySet().stream()
                .max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).orElse(1);
    }
}
