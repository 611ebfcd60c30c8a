package io.lakehouse.seed.files;

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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Loads one file into its bronze table: reads records (CSV, XML, JSON lines), types each against the declared
 * schema, writes the good ones to the table and every other one to the namespace's quarantine table with its
 * location, raw text and reason. Nothing is dropped: records in = landed + quarantined.
 *
 * <p>Idempotent: each load replaces, in one commit per table, the rows that came from the same source file (the
 * {@code _source_file} value), so loading a file again, or after an interrupted load, never duplicates.
 */
public final class FileLoader {
    private static final int PROGRESS_EVERY = 10_000;

    private final Catalog catalog;
    private final LoadProgress progress;

    public FileLoader(Catalog catalog, LoadProgress progress) {
        this.catalog = requireNonNull(catalog, "catalog");
        this.progress = requireNonNull(progress, "progress");
    }

    /**
     * Loads {@code file} into {@code table}; {@code sourceFile} is the name its rows carry (and the key a reload
     * replaces). Delimiter, header and encoding missing from the schema are detected.
     */
    public SourceCounts load(TableIdentifier tableId, FileSchema declared, Path file, String sourceFile)
            throws IOException {
        long started = System.nanoTime();
        FileSchema schema = SchemaInference.complete(declared, file);
        Table table = BronzeTables.data(catalog, tableId, schema);
        Table quarantine = BronzeTables.quarantine(catalog, tableId);
        String source = tableId.toString();
        Schema rowSchema = table.schema();
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
        GenericRecord rejectTemplate = GenericRecord.create(quarantine.schema());
        try (Writer rows = new Writer(table); Writer rejects = new Writer(quarantine);
             Records records = open(schema, file)) {
            while (records.hasNext()) {
                RawRecord raw = records.next();
                in++;
                String reason = raw.rejectReason();
                GenericRecord row = null;
                if (reason == null) {
                    row = rowTemplate.copy();
                    for (int i = 0; i < columns.size() && reason == null; i++) {
                        ColumnSpec column = columns.get(i);
                        String text = raw.values().get(column.source());
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
                    reject.setField("raw", raw.raw());
                    reject.setField("reason", reason);
                    reject.setField("loaded_at", loadedAt);
                    rejects.write(reject);
                    byReason.merge(reason.substring(0, reason.indexOf(':')), 1L, Long::sum);
                }
                if (in % PROGRESS_EVERY == 0) {
                    progress.update(source, sourceFile, in, rate(in, started));
                }
            }
            rows.close();
            rejects.close();
            // data first: a crash between the two commits leaves the old quarantine rows, which the next load
            // of this file replaces
            rows.commitReplacing(Expressions.equal(BronzeTables.SOURCE_FILE, sourceFile));
            rejects.commitReplacing(Expressions.and(Expressions.equal("source", source),
                    Expressions.equal("source_file", sourceFile)));
        }
        progress.update(source, sourceFile, in, rate(in, started));
        return new SourceCounts(source, sourceFile, in, landed, byReason, (System.nanoTime() - started) / 1e9);
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

    /** Parquet data files for one table (rolled at the table's target size), committed as one overwrite. */
    private static final class Writer implements Closeable {
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

        void commitReplacing(org.apache.iceberg.expressions.Expression rowsOfThisFile) {
            DataWriteResult result = writer.result();
            OverwriteFiles overwrite = table.newOverwrite().overwriteByRowFilter(rowsOfThisFile);
            result.dataFiles().forEach(overwrite::addFile);
            overwrite.commit();
        }

        @Override
        public void close() throws IOException {
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
