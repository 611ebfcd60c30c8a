package io.lakehouse.seed.files;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The file formats the loader reads. */
public enum FileFormat {
    CSV, XML, JSON;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FileFormat parse(String text) {
        for (FileFormat f : values()) {
            if (f.id().equalsIgnoreCase(text.strip())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + text + "'; use csv, xml or json (JSON lines)");
    }

    /** From the file name, ignoring a trailing .gz: .csv/.tsv/.txt, .xml, .json/.jsonl/.ndjson. */
    public static Optional<FileFormat> fromName(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        if (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt") || name.endsWith(".psv")) {
            return Optional.of(CSV);
        } else if (name.endsWith(".xml")) {
            return Optional.of(XML);
        } else if (name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return Optional.of(JSON);
        }
        return Optional.empty();
    }
}
