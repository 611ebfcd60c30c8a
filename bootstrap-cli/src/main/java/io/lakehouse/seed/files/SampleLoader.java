package io.lakehouse.seed.files;

import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The seed's files -> bronze stage: the three sample sources (csv/customers.csv, csv/stores.csv,
 * xml/products.xml under a sample-data directory, schemas in {@code sample-data/schemas/}) into bronze.customers,
 * bronze.stores, bronze.products and bronze.quarantine.
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
        for (SampleSource source : SOURCES) {
            Path file = dataDir.resolve(source.file());
            if (!Files.isRegularFile(file)) {
                throw new IOException("sample file " + file + " is missing; regenerate it with SampleDataMain or "
                        + "restore sample-data/ from git");
            }
            FileSchema schema = FileSchema.read(schemaDir.resolve(source.name() + ".json"));
            counts.add(loader.load(TableIdentifier.parse(source.table()), schema, file, "sample-data/" + source.file()));
        }
        return counts;
    }
}
