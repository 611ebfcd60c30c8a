package io.lakehouse.seed.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON-lines file's schema, read from every line: a column per value path seen anywhere (nested objects
 * flattened at any depth, arrays kept as JSON text), typed by {@link TypeGuess} over every value.
 */
final class JsonInference {
    private JsonInference() {
    }

    static FileSchema infer(Path file) throws IOException {
        Charset charset = TextInput.charset(file, null);
        Map<String, TypeGuess> paths = new LinkedHashMap<>();
        try (BufferedReader lines = new BufferedReader(TextInput.reader(file, charset), 1 << 16)) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                Map<String, JsonLine.Value> flat;
                try {
                    flat = JsonLine.flatten(line);
                } catch (JsonLine.NotARecord e) {
                    continue; // quarantined when loaded
                }
                flat.forEach((path, value) -> {
                    TypeGuess guess = paths.computeIfAbsent(path, p -> new TypeGuess());
                    if (value.structure()) {
                        guess.addStructure();
                    } else {
                        guess.add(value.text());
                    }
                });
            }
        }
        if (paths.isEmpty()) {
            throw new InputRefusedException(file + " has no JSON-lines objects with values to infer a schema from"
                    + (startsWithArray(file, charset) ? " (it is one JSON array, not JSON lines: one object per "
                    + "line; convert it with: jq -c '.[]' FILE > FILE.jsonl)" : "; pass --schema FILE")
                    + "; nothing was loaded");
        }
        ColumnNames names = new ColumnNames();
        List<ColumnSpec> columns = new ArrayList<>();
        int c = 0;
        for (Map.Entry<String, TypeGuess> e : paths.entrySet()) {
            columns.add(new ColumnSpec(names.next(JsonLine.readable(e.getKey()), c++), e.getValue().type(), false,
                    JsonLine.source(e.getKey())));
        }
        return new FileSchema(FileFormat.JSON, null, null, charset.name(), null, columns);
    }

    private static boolean startsWithArray(Path file, Charset charset) throws IOException {
        try (java.io.Reader reader = TextInput.reader(file, charset)) {
            int c;
            do {
                c = reader.read();
            } while (c >= 0 && Character.isWhitespace(c));
            return c == '[';
        }
    }
}
