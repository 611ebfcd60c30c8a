package io.lakehouse.seed.files;

import org.apache.iceberg.DataFile;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.DataWriteResult;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.io.RollingDataWriter;
import org.apache.iceberg.util.PropertyUtil;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Loads one file into its bronze table: reads records (CSV, XML, JSON lines), types each against the declared
 * schema, writes the good ones to the table and every other one to the namespace's quarantine table with its
 * location, raw text and reason. Nothing is dropped: records in = landed + quarantined.
 *
 * <p>Idempotent: each load replaces, in one commit per table, the rows that came from the same source files (the
 * {@code _source_file} value), so loading a file again, or after an interrupted load, never duplicates.
 */
public final class FileLoader {
    private static final int PROGRESS_EVERY = 10_000;
    private static final int MAX_RAW = 64 * 1024;

    private final Catalog catalog;
    private final LoadProgress progress;

    public FileLoader(Catalog catalog, LoadProgress progress) {
        this.catalog = requireNonNull(catalog, "catalog");
        this.progress = requireNonNull(progress, "progress");
    }

    /** One file of a load: where it is, its complete schema (delimiter, header, encoding known), its rows' key. */
    public record Job(Path file, FileSchema schema, String sourceFile) {
        public Job {
            requireNonNull(file, "file");
            requireNonNull(schema, "schema");
            requireNonNull(sourceFile, "sourceFile");
        }
    }

    /**
     * Loads {@code file} into {@code table}; {@code sourceFile} is the name its rows carry (and the key a reload
     * replaces). Delimiter, header and encoding missing from the schema are detected.
     */
    public SourceCounts load(TableIdentifier tableId, FileSchema declared, Path file, String sourceFile)
            throws IOException {
        return loadAll(tableId, List.of(new Job(file, SchemaInference.complete(declared, file), sourceFile))).get(0);
    }

    /**
     * Loads the files into one table, all or nothing: their rows are committed in one overwrite that replaces what
     * earlier loads of the same files left (then their quarantined records, the same way). A failure before the
     * commit removes the data files written so far and leaves the table as it was.
     */
    public List<SourceCounts> loadAll(TableIdentifier tableId, List<Job> jobs) throws IOException {
        Map<String, ColumnSpec> union = new LinkedHashMap<>();
        boolean lines = false;
        boolean paths = false;
        for (Job job : jobs) {
            job.schema().columns().forEach(c -> union.putIfAbsent(c.name(), c));
            lines |= job.schema().format() != FileFormat.XML;
            paths |= job.schema().format() == FileFormat.XML;
        }
        Table table = BronzeTables.data(catalog, tableId, List.copyOf(union.values()), lines, paths);
        Table quarantine = BronzeTables.quarantine(catalog, tableId);
        String source = tableId.toString();
        List<SourceCounts> counts = new ArrayList<>();
        // one writer per file and table, so each data file holds one source file's rows: that is what lets the
        // next load of a file replace exactly its rows (Iceberg drops a data file whose rows all match the filter)
        List<Writer> written = new ArrayList<>();
        try {
            List<DataFile> rowFiles = new ArrayList<>();
            List<DataFile> rejectFiles = new ArrayList<>();
            for (Job job : jobs) {
                Writer rows = new Writer(table);
                Writer rejects = new Writer(quarantine);
                written.add(rows);
                written.add(rejects);
                counts.add(loadOne(source, job, table.schema(), quarantine.schema(), rows, rejects));
                rowFiles.addAll(rows.files());
                rejectFiles.addAll(rejects.files());
            }
            List<Object> keys = jobs.stream().map(j -> (Object) j.sourceFile()).toList();
            // data first: a crash between the two commits leaves the old quarantine rows, which the next load
            // of these files replaces
            commitReplacing(table, Expressions.in(BronzeTables.SOURCE_FILE, keys), rowFiles);
            written.removeIf(w -> w.table == table);
            commitReplacing(quarantine, Expressions.and(Expressions.equal("source", source),
                    Expressions.in("source_file", keys)), rejectFiles);
            written.clear();
        } catch (IOException | RuntimeException e) {
            written.forEach(Writer::abort);
            throw e;
        }
        BronzeTables.recordSources(table, union.values());
        return counts;
    }

    private SourceCounts loadOne(String source, Job job, Schema rowSchema, Schema rejectSchema, Writer rows,
                                 Writer rejects) throws IOException {
        long started = System.nanoTime();
        FileSchema schema = job.schema();
        String sourceFile = job.sourceFile();
        List<ColumnSpec> columns = schema.columns();
        int[] positions = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            positions[i] = position(rowSchema, columns.get(i).name());
        }
        int sourceFilePos = position(rowSchema, BronzeTables.SOURCE_FILE);
        boolean xml = schema.format() == FileFormat.XML;
        int locationPos = position(rowSchema, xml ? BronzeTables.SOURCE_PATH : BronzeTables.SOURCE_LINE);
        OffsetDateTime loadedAt = OffsetDateTime.now(ZoneOffset.UTC);

        long in = 0;
        long landed = 0;
        Map<String, Long> byReason = new TreeMap<>();
        GenericRecord rowTemplate = GenericRecord.create(rowSchema);
        GenericRecord rejectTemplate = GenericRecord.create(rejectSchema);
        try (Records records = open(schema, job.file())) {
            while (records.hasNext()) {
                RawRecord raw = records.next();
                in++;
                String reason = raw.rejectReason();
                GenericRecord row = null;
                if (reason == null) {
                    row = rowTemplate.copy();
                    Map<String, String> values = raw.values();
                    for (int i = 0; i < columns.size() && reason == null; i++) {
                        ColumnSpec column = columns.get(i);
                        String text = values.get(xml ? column.source() : column.name());
                        if (text != null && text.isEmpty() && column.type() != ColumnType.STRING) {
                            text = null;
                        }
                        if (text == null) {
                            if (column.required()) {
                                reason = RejectReason.MISSING_REQUIRED.describe("column " + column.name()
                                        + " is required but " + (xml ? "absent or empty" : "empty"));
                            }
                        } else {
                            try {
                                row.set(positions[i], column.type().convert(column.name(), text));
                            } catch (ColumnType.RejectedValue e) {
                                reason = e.describe();
                            }
                        }
                    }
                }
                if (reason == null) {
                    row.set(sourceFilePos, sourceFile);
                    row.set(locationPos, xml ? raw.path() : (Object) raw.line());
                    rows.write(row);
                    landed++;
                } else {
                    GenericRecord reject = rejectTemplate.copy();
                    reject.setField("source", source);
                    reject.setField("source_file", sourceFile);
                    reject.setField("location", raw.location());
                    reject.setField("raw", capped(raw.raw()));
                    reject.setField("reason", reason);
                    reject.setField("loaded_at", loadedAt);
                    rejects.write(reject);
                    byReason.merge(reason.substring(0, reason.indexOf(':')), 1L, Long::sum);
                }
                if (in % PROGRESS_EVERY == 0) {
                    progress.update(source, sourceFile, in, rate(in, started));
                }
            }
        }
        if (in == 0 || in % PROGRESS_EVERY != 0) {
            progress.update(source, sourceFile, in, rate(in, started));
        }
        return new SourceCounts(source, sourceFile, in, landed, byReason, (System.nanoTime() - started) / 1e9);
    }

    /** A quarantined record's text, cut to 64 KiB (saying how much more there was). */
    static String capped(String raw) {
        if (raw == null || raw.length() <= MAX_RAW) {
            return raw;
        }
        return raw.substring(0, MAX_RAW) + "… (" + (raw.length() - MAX_RAW) + " more characters)";
    }

    private static double rate(long records, long startedNanos) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        return seconds <= 0 ? 0 : records / seconds;
    }

    private static int position(Schema schema, String column) {
        List<org.apache.iceberg.types.Types.NestedField> fields = schema.columns();
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(column)) {
                return i;
            }
        }
        throw new IllegalStateException("table has no column " + column);
    }

    /** A reader of raw records that can be closed. */
    interface Records extends Iterator<RawRecord>, Closeable {
    }

    static Records open(FileSchema schema, Path file) throws IOException {
        Iterator<RawRecord> iterator;
        Closeable closeable;
        switch (schema.format()) {
            case CSV -> {
                CsvRecords csv = new CsvRecords(TextInput.reader(file, TextInput.charset(file, schema.encoding())),
                        schema, file.toString());
                iterator = csv;
                closeable = csv;
            }
            case XML -> {
                XmlRecords x = new XmlRecords(file, schema);
                iterator = x;
                closeable = x;
            }
            case JSON -> {
                JsonLinesRecords j = new JsonLinesRecords(
                        TextInput.reader(file, TextInput.charset(file, schema.encoding())), schema);
                iterator = j;
                closeable = j;
            }
            default -> throw new IllegalStateException();
        }
        return new Records() {
            @Override
            public boolean hasNext() {
                return iterator.hasNext();
            }

            @Override
            public RawRecord next() {
                return iterator.next();
            }

            @Override
            public void close() throws IOException {
                closeable.close();
            }
        };
    }

    private static void commitReplacing(Table table, org.apache.iceberg.expressions.Expression rowsOfTheseFiles,
                                        List<DataFile> files) {
        OverwriteFiles overwrite = table.newOverwrite().overwriteByRowFilter(rowsOfTheseFiles);
        files.forEach(overwrite::addFile);
        overwrite.commit();
    }

    /** Parquet data files for one table (rolled at the table's target size), committed by the caller. */
    private static final class Writer {
        private final Table table;
        private final RollingDataWriter<Record> writer;
        private boolean closed;

        Writer(Table table) {
            this.table = table;
            GenericFileWriterFactory factory = new GenericFileWriterFactory.Builder(table)
                    .dataFileFormat(org.apache.iceberg.FileFormat.PARQUET).dataSchema(table.schema()).build();
            OutputFileFactory files = OutputFileFactory.builderFor(table, 1, System.currentTimeMillis())
                    .format(org.apache.iceberg.FileFormat.PARQUET).build();
            long targetSize = PropertyUtil.propertyAsLong(table.properties(),
                    TableProperties.WRITE_TARGET_FILE_SIZE_BYTES, TableProperties.WRITE_TARGET_FILE_SIZE_BYTES_DEFAULT);
            this.writer = new RollingDataWriter<>(factory, files, table.io(), targetSize, table.spec(), null);
        }

        void write(Record record) {
            writer.write(record);
        }

        /** Closes the writer: the data files it wrote (none when it wrote no rows). */
        List<DataFile> files() throws IOException {
            close();
            DataWriteResult result = writer.result();
            return result.dataFiles();
        }

        /** Removes the files written (they were not committed). */
        void abort() {
            try {
                files().forEach(f -> table.io().deleteFile(f.location()));
            } catch (IOException | RuntimeException e) {
                // the load failed already; files left behind are unreferenced (orphans), never rows
            }
        }

        private void close() throws IOException {
            if (!closed) {
                closed = true;
                try {
                    writer.close();
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }
        }
    }
}
