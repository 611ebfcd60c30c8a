package io.lakehouse.seed.files;

import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The seed's files -> bronze stage: the three sample sources (csv/customers.csv, csv/stores.csv,
 * xml/products.xml under a sample-data directory, schemas in {@code sample-data/schemas/}) into bronze.customers,
 * bronze.stores, bronze.products and bronze.quarantine. A source whose file and schema are the same as at its last
 * load, with its table untouched since, is not loaded again ({@link LoadedSource}).
 */
public final class SampleLoader {
    /** Source name, table, file under the data directory. */
    public record SampleSource(String name, String table, String file) {
    }

    public static final List<SampleSource> SOURCES = List.of(
            new SampleSource("customers", "bronze.customers", "csv/customers.csv"),
            new SampleSource("stores", "bronze.stores", "csv/stores.csv"),
            new SampleSource("products", "bronze.products", "xml/products.xml"));

    private final Catalog catalog;
    private final Path schemaDir;
    private int unchanged;

    /** {@code schemaDir}: where customers.json, stores.json, products.json are (sample-data/schemas). */
    public SampleLoader(Catalog catalog, Path schemaDir) {
        this.catalog = requireNonNull(catalog, "catalog");
        this.schemaDir = requireNonNull(schemaDir, "schemaDir");
    }

    /**
     * Loads the three sources found under {@code dataDir} (the committed sample-data/, or a generated scale);
     * each file's rows are keyed by {@code "sample-data/" + file}, so loading any scale again replaces, never adds.
     */
    public List<SourceCounts> load(Path dataDir, LoadProgress progress) throws IOException {
        FileLoader loader = new FileLoader(catalog, progress);
        List<SourceCounts> counts = new ArrayList<>();
        unchanged = 0;
        for (SampleSource source : SOURCES) {
            Path file = dataDir.resolve(source.file());
            if (!Files.isRegularFile(file)) {
                throw new IOException("sample file " + file + " is missing; regenerate it with SampleDataMain or "
                        + "restore sample-data/ from git");
            }
            Path schemaFile = schemaDir.resolve(source.name() + ".json");
            TableIdentifier table = TableIdentifier.parse(source.table());
            String sourceFile = "sample-data/" + source.file();
            String digest = LoadedSource.digestOf(file, schemaFile);
            Optional<SourceCounts> same = unchangedSinceLastLoad(table, sourceFile, digest);
            if (same.isPresent()) {
                counts.add(same.get());
                unchanged++;
                continue;
            }
            SourceCounts loaded = loader.load(table, FileSchema.read(schemaFile), file, sourceFile);
            LoadedSource.record(catalog.loadTable(table), sourceFile, digest, loaded);
            counts.add(loaded);
        }
        return counts;
    }

    /** How many sources the last {@link #load} found unchanged since their last load, and did not load again. */
    public int unchanged() {
        return unchanged;
    }

    /** The counts of the last load of this file, when loading it again would change nothing ({@link LoadedSource}). */
    private Optional<SourceCounts> unchangedSinceLastLoad(TableIdentifier table, String sourceFile, String digest)
            throws IOException {
        if (!catalog.tableExists(table)) {
            return Optional.empty();
        }
        Table loaded = catalog.loadTable(table);
        Optional<LoadedSource> last = LoadedSource.of(loaded, sourceFile);
        if (last.isPresent() && last.get().stillHolds(digest, loaded, BronzeTables.quarantine(catalog, table),
                table.toString(), sourceFile)) {
            return Optional.of(last.get().counts(table.toString(), sourceFile));
        }
        return Optional.empty();
    }
}
