package io.lakehouse.seed.files;

import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * {@code lakehouse load}: a user's files (or directories of them) into one table, with a declared schema or one
 * inferred from the first file. Each file is its own source: reloading it replaces its rows.
 */
public final class UserFileLoad {
    /** The schema used (and whether it was inferred) and what each file did. */
    public record Result(FileSchema schema, boolean inferred, List<SourceCounts> files) {
        public long recordsIn() {
            return files.stream().mapToLong(SourceCounts::recordsIn).sum();
        }

        public long landed() {
            return files.stream().mapToLong(SourceCounts::landed).sum();
        }

        public long quarantined() {
            return files.stream().mapToLong(SourceCounts::quarantined).sum();
        }
    }

    private UserFileLoad() {
    }

    /** The files named, directories expanded (recursively, sorted, hidden files skipped). */
    public static List<Path> expand(List<Path> inputs, FileFormat format) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    walk.filter(Files::isRegularFile)
                            .filter(p -> !p.getFileName().toString().startsWith("."))
                            .filter(p -> format == null ? FileFormat.fromName(p).isPresent()
                                    : FileFormat.fromName(p).map(f -> f == format).orElse(true))
                            .sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(input)) {
                files.add(input);
            } else {
                throw new IllegalArgumentException("no such file or directory: " + input);
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no files to load in " + inputs
                    + (format == null ? " (files are recognised by .csv/.tsv/.xml/.json/.jsonl[.gz]; or pass --format)" : ""));
        }
        return files;
    }

    /** The format: given, or from the first file's name. */
    public static FileFormat format(FileFormat given, List<Path> files) {
        if (given != null) {
            return given;
        }
        return FileFormat.fromName(files.get(0)).orElseThrow(() -> new IllegalArgumentException(
                "cannot tell the format of " + files.get(0) + " from its name; pass --format csv|xml|json"));
    }

    /** The schema: declared, or inferred from the first file ({@code header} forces header detection's answer). */
    public static FileSchema schema(FileSchema declared, FileFormat format, List<Path> files, Boolean header)
            throws IOException {
        if (declared != null) {
            if (declared.format() != format) {
                throw new IllegalArgumentException("the schema is for " + declared.format().id()
                        + " but the files are " + format.id());
            }
            return header == null ? declared : declared.withHeader(header);
        }
        return SchemaInference.infer(files.get(0), format, header);
    }

    public static Result load(Catalog catalog, TableIdentifier table, List<Path> files, FileSchema schema,
                              boolean inferred, LoadProgress progress) throws IOException {
        requireNonNull(catalog, "catalog");
        FileLoader loader = new FileLoader(catalog, progress);
        // an inferred encoding belongs to the first file only: detect it for each file
        FileSchema perFile = inferred && schema.encoding() != null ? schema.withEncoding(null) : schema;
        List<SourceCounts> counts = new ArrayList<>();
        for (Path file : files) {
            counts.add(loader.load(table, perFile, file, file.toAbsolutePath().normalize().toString()));
        }
        return new Result(schema, inferred, counts);
    }
}
