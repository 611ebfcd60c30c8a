package io.lakehouse.seed.files;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading a file's shape: the CSV delimiter ({@code , ; tab |}, from a sample), and per format the rest from the
 * whole file ({@link CsvInference}, {@link JsonInference}, {@link XmlInference}). Inferred columns are never
 * required: only a declared schema makes a column mandatory.
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
        if (done.delimiter() == null) {
            done = done.withDelimiter(delimiter(sample(file, charset)));
        }
        if (done.header() == null) {
            done = done.withHeader(CsvInference.infer(file, charset, done.delimiter(), null).header());
        }
        return done;
    }

    /** A schema for the file, inferred from all of it. */
    public static FileSchema infer(Path file, FileFormat format, Boolean header) throws IOException {
        return switch (format) {
            case CSV -> CsvInference.infer(file, header);
            case XML -> XmlInference.infer(file);
            case JSON -> JsonInference.infer(file);
        };
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

}
