package io.lakehouse.seed.files;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reading a file's shape from its first records: the CSV delimiter ({@code , ; tab |}), whether the first row is a
 * header, the encoding, the XML record element, and each column's type. Inferred columns are never required: only
 * a declared schema makes a column mandatory.
 */
public final class SchemaInference {
    static final int SAMPLE_RECORDS = 500;
    private static final int SAMPLE_CHARS = 256 * 1024;
    private static final char[] DELIMITERS = {',', ';', '\t', '|'};

    private SchemaInference() {
    }

    /** The declared schema with delimiter, header and encoding filled in from the file where it leaves them out. */
    public static FileSchema complete(FileSchema schema, Path file) throws IOException {
        if (schema.format() == FileFormat.XML) {
            return schema;
        }
        Charset charset = TextInput.charset(file, schema.encoding());
        FileSchema done = schema.encoding() == null ? schema.withEncoding(charset.name()) : schema;
        if (schema.format() != FileFormat.CSV) {
            return done;
        }
        String sample = sample(file, charset);
        if (done.delimiter() == null) {
            done = done.withDelimiter(delimiter(sample));
        }
        if (done.header() == null) {
            List<List<String>> rows = rows(sample, done.delimiter());
            done = done.withHeader(hasHeader(rows));
        }
        return done;
    }

    /** A schema for the file, inferred from its first records. */
    public static FileSchema infer(Path file, FileFormat format, Boolean header) throws IOException {
        return switch (format) {
            case CSV -> inferCsv(file, header);
            case XML -> XmlInference.infer(file);
            case JSON -> inferJson(file);
        };
    }

    private static FileSchema inferCsv(Path file, Boolean header) throws IOException {
        Charset charset = TextInput.charset(file, null);
        String sample = sample(file, charset);
        char delimiter = delimiter(sample);
        List<List<String>> rows = rows(sample, delimiter);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + " has no records to infer a schema from; pass --schema FILE");
        }
        boolean hasHeader = header != null ? header : hasHeader(rows);
        List<String> names = hasHeader ? rows.get(0) : new ArrayList<>();
        int width = hasHeader ? names.size() : rows.get(0).size();
        if (!hasHeader) {
            for (int i = 1; i <= width; i++) {
                names.add("column_" + i);
            }
        }
        List<List<String>> data = rows.subList(hasHeader ? 1 : 0, rows.size());
        List<ColumnSpec> columns = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int c = 0; c < width; c++) {
            List<String> values = new ArrayList<>();
            for (List<String> row : data) {
                if (row.size() == width && !row.get(c).isEmpty()) {
                    values.add(row.get(c));
                }
            }
            columns.add(new ColumnSpec(unique(columnName(names.get(c), c), used), type(values), false,
                    hasHeader ? names.get(c) : null));
        }
        if (!hasHeader) {
            // positional: sources are positions, so keep names as the sources' defaults
            columns = columns.stream().map(c -> new ColumnSpec(c.name(), c.type(), false, null)).toList();
        }
        return new FileSchema(FileFormat.CSV, delimiter, hasHeader, charset.name(), null, columns);
    }

    private static FileSchema inferJson(Path file) throws IOException {
        Charset charset = TextInput.charset(file, null);
        ObjectMapper json = new ObjectMapper();
        Map<String, List<String>> values = new LinkedHashMap<>();
        try (BufferedReader lines = new BufferedReader(TextInput.reader(file, charset))) {
            String line;
            int n = 0;
            while (n < SAMPLE_RECORDS && (line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = json.readTree(line);
                } catch (IOException e) {
                    continue;
                }
                if (node == null || !node.isObject()) {
                    continue;
                }
                n++;
                collect("", node, values);
            }
        }
        if (values.isEmpty()) {
            throw new IllegalArgumentException(file + " has no JSON objects to infer a schema from; pass --schema FILE");
        }
        List<ColumnSpec> columns = new ArrayList<>();
        Set<String> used = new HashSet<>();
        int c = 0;
        for (Map.Entry<String, List<String>> e : values.entrySet()) {
            columns.add(new ColumnSpec(unique(columnName(e.getKey(), c++), used), type(e.getValue()), false,
                    e.getKey()));
        }
        return new FileSchema(FileFormat.JSON, null, null, charset.name(), null, columns);
    }

    private static void collect(String prefix, JsonNode node, Map<String, List<String>> values) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = prefix + f.getKey();
            JsonNode v = f.getValue();
            if (v.isObject() && prefix.isEmpty()) {
                collect(key + ".", v, values);
            } else {
                List<String> list = values.computeIfAbsent(key, k -> new ArrayList<>());
                if (!v.isNull() && !v.isMissingNode()) {
                    String text = v.isValueNode() ? v.asText() : v.toString();
                    if (!text.isEmpty()) {
                        list.add(v.isValueNode() ? text : "\u0000json");
                    }
                }
            }
        }
    }

    // ---- CSV shape ----

    static String sample(Path file, Charset charset) throws IOException {
        try (Reader reader = TextInput.reader(file, charset)) {
            char[] buffer = new char[SAMPLE_CHARS];
            int n = reader.read(buffer, 0, buffer.length);
            int total = Math.max(n, 0);
            while (n > 0 && total < buffer.length) {
                n = reader.read(buffer, total, buffer.length - total);
                total += Math.max(n, 0);
            }
            return new String(buffer, 0, total);
        }
    }

    /**
     * The delimiter that splits the sample's records into the same number of fields most consistently (quotes
     * respected, so delimiters and newlines inside quoted fields do not count); ties go to more fields.
     */
    static char delimiter(String sample) {
        char best = ',';
        double bestScore = -1;
        for (char d : DELIMITERS) {
            List<Integer> counts = fieldCounts(sample, d);
            if (counts.isEmpty()) {
                continue;
            }
            Map<Integer, Integer> frequency = new HashMap<>();
            counts.forEach(c -> frequency.merge(c, 1, Integer::sum));
            Map.Entry<Integer, Integer> mode = frequency.entrySet().stream()
                    .max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .orElseThrow();
            if (mode.getKey() < 2) {
                continue;
            }
            double score = (double) mode.getValue() / counts.size() + mode.getKey() / 1000.0;
            if (score > bestScore) {
                bestScore = score;
                best = d;
            }
        }
        return best;
    }

    /** Fields per record for the first records of the sample, with RFC 4180 quoting. */
    private static List<Integer> fieldCounts(String sample, char d) {
        List<Integer> counts = new ArrayList<>();
        boolean quoted = false;
        int fields = 1;
        boolean empty = true;
        for (int i = 0; i < sample.length() && counts.size() < 100; i++) {
            char ch = sample.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
                empty = false;
            } else if (!quoted && ch == d) {
                fields++;
                empty = false;
            } else if (!quoted && (ch == '\n' || ch == '\r')) {
                if (!empty) {
                    counts.add(fields);
                }
                fields = 1;
                empty = true;
            } else if (ch != '\uFEFF') {
                empty = false;
            }
        }
        return counts;
    }

    static List<List<String>> rows(String sample, char delimiter) {
        List<List<String>> rows = new ArrayList<>();
        try {
            CsvParser parser = (CsvParser) new CsvMapper().getFactory().createParser(new StringReader(sample));
            parser.setSchema(CsvSchema.emptySchema().withColumnSeparator(delimiter).withoutHeader());
            parser.enable(CsvParser.Feature.SKIP_EMPTY_LINES);
            while (rows.size() < SAMPLE_RECORDS && parser.nextToken() == JsonToken.START_ARRAY) {
                List<String> row = new ArrayList<>();
                JsonToken t;
                while ((t = parser.nextToken()) != JsonToken.END_ARRAY && t != null) {
                    row.add(parser.getText());
                }
                rows.add(row);
            }
        } catch (IOException e) {
            // the sample may end inside a record, or the file is broken further on: what was read is the sample
        }
        if (rows.size() > 1 && rows.size() == SAMPLE_RECORDS) {
            return rows;
        }
        return rows.size() > 1 ? rows.subList(0, rows.size() - (sampleCut(sample) ? 1 : 0)) : rows;
    }

    private static boolean sampleCut(String sample) {
        return sample.length() >= SAMPLE_CHARS;
    }

    /**
     * A first row is a header when its fields are distinct, non-empty and none looks like data (number, date,
     * boolean), and some column below it holds such data — or, with all-text columns, when its fields look like
     * names (letters first).
     */
    static boolean hasHeader(List<List<String>> rows) {
        if (rows.isEmpty()) {
            return false;
        }
        List<String> first = rows.get(0);
        if (first.stream().anyMatch(String::isBlank) || new HashSet<>(first).size() != first.size()) {
            return false;
        }
        if (first.stream().anyMatch(f -> type(List.of(f)) != ColumnType.STRING)) {
            return false;
        }
        if (rows.size() == 1) {
            return first.stream().allMatch(f -> f.strip().matches("[\\p{L}_][\\p{L}\\p{N} _.\\-()/#]*"));
        }
        for (int c = 0; c < first.size(); c++) {
            List<String> values = new ArrayList<>();
            for (List<String> row : rows.subList(1, rows.size())) {
                if (c < row.size() && !row.get(c).isEmpty()) {
                    values.add(row.get(c));
                }
            }
            if (!values.isEmpty() && type(values) != ColumnType.STRING) {
                return true;
            }
        }
        return first.stream().allMatch(f -> f.strip().matches("[\\p{L}_][\\p{L}\\p{N} _.\\-()/#]*"));
    }

    /** The narrowest type every value converts to: boolean, long, decimal, double, date, timestamp(tz), string. */
    static ColumnType type(List<String> values) {
        if (values.isEmpty() || values.contains("\u0000json")) {
            return ColumnType.STRING;
        }
        if (all(values, v -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false"))) {
            return ColumnType.BOOLEAN;
        }
        if (all(values, v -> v.matches("[-+]?\\d{1,18}") && !(v.length() > 1 && v.startsWith("0")))) {
            return ColumnType.LONG;
        }
        if (all(values, v -> v.matches("[-+]?\\d+(\\.\\d+)?"))) {
            int scale = 0;
            int integerDigits = 1;
            for (String v : values) {
                BigDecimal d = new BigDecimal(v.strip());
                scale = Math.max(scale, Math.max(d.scale(), 0));
                integerDigits = Math.max(integerDigits, d.precision() - d.scale());
            }
            if (scale <= 9 && integerDigits + scale <= 38) {
                return ColumnType.decimal(Math.max(18, Math.min(38, integerDigits + scale)), scale);
            }
        }
        if (all(values, v -> v.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?"))) {
            return ColumnType.DOUBLE;
        }
        for (ColumnType t : List.of(ColumnType.DATE, ColumnType.TIMESTAMP, ColumnType.TIMESTAMPTZ)) {
            if (all(values, v -> converts(t, v))) {
                return t;
            }
        }
        return ColumnType.STRING;
    }

    private static boolean converts(ColumnType type, String value) {
        try {
            type.convert("x", value);
            return true;
        } catch (ColumnType.RejectedValue | RuntimeException e) {
            return false;
        }
    }

    private static boolean all(List<String> values, java.util.function.Predicate<String> test) {
        for (String v : values) {
            if (!test.test(v.strip())) {
                return false;
            }
        }
        return true;
    }

    /** lower_snake_case from a header or path: "Signup Date" -> signup_date, "price/@currency" -> price_currency. */
    static String columnName(String text, int index) {
        String name = text.strip().replace("@", "").replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (name.isEmpty()) {
            return "column_" + (index + 1);
        }
        return Character.isDigit(name.charAt(0)) ? "c_" + name : name;
    }

    static String unique(String name, Set<String> used) {
        String candidate = name;
        for (int n = 2; !used.add(candidate); n++) {
            candidate = name + "_" + n;
        }
        return candidate;
    }
}
