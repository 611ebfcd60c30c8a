package io.lakehouse.seed.files;

import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * What {@code lakehouse load} will do, decided before anything is written: the files (directories expanded), each
 * file's format and schema (declared, or inferred from that file alone, so a directory mixing CSV, XML and JSON
 * lines is read file by file in its own format), the groups of files that share a format and columns, and the
 * table's columns. A file whose columns conflict with the table's refuses the whole command:
 * <ul>
 *   <li>a column the table holds with another type (unless the table's is text: then the file's values land as
 *   text, exactly as written);</li>
 *   <li>a column the table lacks, unless {@code --allow-new-columns} says to add it. For a table this command
 *   creates, the first file's columns are the table's.</li>
 * </ul>
 * In a new table a column that files infer differently (long in one, text in another) is text in all of them.
 */
public final class LoadPlan {
    /** One file to load with the schema it is read with. */
    public record FilePlan(Path file, FileSchema schema) {
    }

    /** Files that share a format and columns. */
    public record Group(FileFormat format, List<String> columns, List<Path> files, FileSchema schema) {
    }

    private final TableIdentifier table;
    private final boolean inferred;
    private final List<FilePlan> files;
    private final List<Path> skipped;
    private final List<Path> empty;
    private final List<String> newColumns;

    private LoadPlan(TableIdentifier table, boolean inferred, List<FilePlan> files,
                     List<Path> skipped, List<Path> empty, List<String> newColumns) {
        this.table = table;
        this.inferred = inferred;
        this.files = List.copyOf(files);
        this.skipped = List.copyOf(skipped);
        this.empty = List.copyOf(empty);
        this.newColumns = List.copyOf(newColumns);
    }

    public TableIdentifier table() {
        return table;
    }

    public boolean inferred() {
        return inferred;
    }


    public List<FilePlan> files() {
        return files;
    }

    /** Files in the directories given that no format is known for (never read, always listed). */
    public List<Path> skipped() {
        return skipped;
    }

    /** Files with nothing in them but white space: no records, nothing to infer or load. */
    public List<Path> empty() {
        return empty;
    }

    /** Columns this load adds to an existing table (only with --allow-new-columns). */
    public List<String> newColumns() {
        return newColumns;
    }

    public List<Group> groups() {
        Map<String, Group> groups = new LinkedHashMap<>();
        for (FilePlan f : files) {
            List<String> columns = f.schema().columns().stream().map(ColumnSpec::name).toList();
            String key = f.schema().format() + " " + columns + " " + f.schema().columns().stream()
                    .map(c -> c.type().toString()).toList();
            groups.computeIfAbsent(key, k -> new Group(f.schema().format(), columns, new ArrayList<>(),
                    f.schema())).files().add(f.file());
        }
        return List.copyOf(groups.values());
    }

    /**
     * Decides the load of {@code inputs} into {@code table}. {@code format}, {@code declared} and {@code header}
     * are the user's overrides (null: detect). Refuses, with what to do, before anything is written.
     */
    public static LoadPlan make(Catalog catalog, TableIdentifier table, List<Path> inputs, FileFormat format,
                                FileSchema declared, Boolean header, boolean allowNewColumns) throws IOException {
        requireNonNull(table, "table");
        List<Path> skipped = new ArrayList<>();
        List<Path> paths = expand(inputs, format, skipped);
        List<FilePlan> plans = new ArrayList<>();
        List<Path> empty = new ArrayList<>();
        for (Path file : paths) {
            if (TextInput.blank(file)) {
                empty.add(file);
                continue;
            }
            FileFormat fileFormat = format != null ? format : FileFormat.fromName(file).orElseThrow();
            FileSchema schema;
            if (declared != null) {
                if (declared.format() != fileFormat) {
                    throw new InputRefusedException(file + " is " + fileFormat.id() + " but the schema is for "
                            + declared.format().id() + "; nothing was loaded. Load the " + fileFormat.id()
                            + " files with a schema of their own");
                }
                FileSchema given = header == null ? declared : declared.withHeader(header);
                schema = SchemaInference.complete(given, file);
            } else {
                try {
                    schema = SchemaInference.complete(SchemaInference.infer(file, fileFormat, header), file);
                } catch (NoRecordsException e) {
                    empty.add(file); // a header alone: its columns say nothing about types, and no record is lost
                    continue;
                }
            }
            plans.add(new FilePlan(file, schema));
        }
        if (plans.isEmpty()) {
            return new LoadPlan(table, declared == null, List.of(), skipped, empty, List.of());
        }
        Schema existing = catalog.tableExists(table) ? catalog.loadTable(table).schema() : null;
        Map<String, Type> tableColumns = new LinkedHashMap<>();
        if (existing != null) {
            for (Types.NestedField f : existing.columns()) {
                if (!f.name().startsWith("_source_")) {
                    tableColumns.put(f.name(), f.type());
                }
            }
        } else if (declared == null) {
            // a new table: where files infer a column differently, it is text in all of them
            Map<String, Set<ColumnType>> types = new LinkedHashMap<>();
            plans.forEach(p -> p.schema().columns().forEach(c ->
                    types.computeIfAbsent(c.name(), n -> new LinkedHashSet<>()).add(c.type())));
            plans.replaceAll(p -> new FilePlan(p.file(), withTypes(p.schema(), types)));
            plans.get(0).schema().columns().forEach(c -> tableColumns.put(c.name(), c.type().icebergType()));
        } else {
            declared.columns().forEach(c -> tableColumns.put(c.name(), c.type().icebergType()));
        }
        List<String> added = new ArrayList<>();
        List<FilePlan> checked = new ArrayList<>();
        for (FilePlan p : plans) {
            List<ColumnSpec> columns = new ArrayList<>();
            List<String> lacking = new ArrayList<>();
            for (ColumnSpec c : p.schema().columns()) {
                Type inTable = tableColumns.get(c.name());
                if (inTable == null) {
                    lacking.add(c.name());
                    columns.add(c);
                } else if (inTable.equals(c.type().icebergType())) {
                    columns.add(c);
                } else if (inTable.equals(Types.StringType.get())) {
                    columns.add(new ColumnSpec(c.name(), ColumnType.STRING, c.required(), c.source()));
                } else {
                    throw new InputRefusedException(p.file() + ": column " + c.name() + " is " + c.type()
                            + " in the file but " + inTable + " in " + (existing != null ? "table " + table
                            : "the first file") + "; nothing was loaded. Load it into another table, or pass "
                            + "--schema FILE declaring " + c.name() + " as in the table (values that do not fit "
                            + "are then quarantined)");
                }
            }
            if (!lacking.isEmpty()) {
                if (!allowNewColumns) {
                    throw new InputRefusedException(p.file() + " has columns " + lacking + " that "
                            + (existing != null ? "table " + table : "the first file (" + plans.get(0).file() + ")")
                            + " lacks; nothing was loaded. Pass --allow-new-columns to add them to the table, or "
                            + "load the file into another table");
                }
                for (String name : lacking) {
                    if (!added.contains(name)) {
                        added.add(name);
                    }
                    ColumnSpec spec = columns.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
                    tableColumns.put(name, spec.type().icebergType());
                }
            }
            checked.add(new FilePlan(p.file(), new FileSchema(p.schema().format(), p.schema().delimiter(),
                    p.schema().header(), p.schema().encoding(), p.schema().record(), columns)));
        }
        return new LoadPlan(table, declared == null, checked, skipped, empty,
                existing == null ? List.of() : added);
    }

    private static FileSchema withTypes(FileSchema schema, Map<String, Set<ColumnType>> types) {
        List<ColumnSpec> columns = schema.columns().stream()
                .map(c -> types.get(c.name()).size() > 1
                        ? new ColumnSpec(c.name(), ColumnType.STRING, c.required(), c.source()) : c)
                .toList();
        return new FileSchema(schema.format(), schema.delimiter(), schema.header(), schema.encoding(),
                schema.record(), columns);
    }

    /**
     * The files named, directories expanded (recursively, sorted, hidden files skipped). In a directory, files of
     * no known format (or of another format than {@code --format}) are listed in {@code skipped}, never dropped
     * silently; a file named on its own must have a known format.
     */
    static List<Path> expand(List<Path> inputs, FileFormat format, List<Path> skipped) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    walk.filter(Files::isRegularFile)
                            .filter(p -> !p.getFileName().toString().startsWith("."))
                            .sorted().forEach(p -> {
                                boolean known = format == null ? FileFormat.fromName(p).isPresent()
                                        : FileFormat.fromName(p).map(f -> f == format).orElse(true);
                                (known ? files : skipped).add(p);
                            });
                }
            } else if (Files.isRegularFile(input)) {
                if (format == null && FileFormat.fromName(input).isEmpty()) {
                    throw new IllegalArgumentException("cannot tell the format of " + input + " from its name; "
                            + "pass --format csv|xml|json");
                }
                files.add(input);
            } else {
                throw new IllegalArgumentException("no such file or directory: " + input);
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no files to load in " + inputs
                    + (format == null ? " (files are recognised by .csv/.tsv/.txt/.psv/.xml/.json/.jsonl/.ndjson"
                    + "[.gz]; or pass --format)" : ""));
        }
        return files;
    }
}
