package io.lakehouse.seed;

import io.lakehouse.seed.files.LakehouseCatalog;
import io.lakehouse.seed.sample.SampleDataset;
import io.lakehouse.seed.sample.SampleGenerator;
import io.lakehouse.stack.ProbeTarget;
import org.apache.iceberg.catalog.Catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import static java.util.Objects.requireNonNull;

/**
 * What every stage works with: the running stack, the scale, the sample data of that scale (the committed
 * {@code sample-data/} at scale 1, generated deterministically under the state directory otherwise), the
 * Iceberg catalog and where progress goes.
 */
public final class SeedContext {
    private final ProbeTarget stack;
    private final io.lakehouse.runtime.RuntimeKind runtime;
    private final io.lakehouse.runtime.StackLayout layout;
    private final int scale;
    private final Path home;
    private final Path sampleDir;
    private final Path generatedDir;
    private final SeedProgress progress;
    private SampleDataset dataset;
    private Catalog catalog;

    /**
     * @param runtime where the services run (the streaming jobs address them differently)
     * @param layout  the project home (sample-data/ and the jobs, jobs/flink and jobs/spark, live under it) and the
     *                state directory (sample data of scales above 1 is generated under its seed/)
     */
    public SeedContext(ProbeTarget stack, io.lakehouse.runtime.RuntimeKind runtime,
                       io.lakehouse.runtime.StackLayout layout, int scale, SeedProgress progress) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be 1 or more, not " + scale);
        }
        this.stack = requireNonNull(stack, "stack");
        this.runtime = requireNonNull(runtime, "runtime");
        this.scale = scale;
        this.layout = requireNonNull(layout, "layout");
        this.home = layout.home();
        this.sampleDir = home.resolve("sample-data");
        this.generatedDir = layout.stateDir().resolve("seed");
        this.progress = requireNonNull(progress, "progress");
    }

    public ProbeTarget stack() {
        return stack;
    }

    /** Where the services run. */
    public io.lakehouse.runtime.RuntimeKind runtime() {
        return runtime;
    }

    /** The project home and the state directory. */
    public io.lakehouse.runtime.StackLayout layout() {
        return layout;
    }

    public int scale() {
        return scale;
    }

    /** The streaming jobs of this stack, addressed as its runtime requires. */
    public io.lakehouse.seed.streaming.FlinkJobs flinkJobs() {
        return io.lakehouse.seed.streaming.FlinkJobs.forStack(stack, runtime, home, true);
    }

    public Path home() {
        return home;
    }

    public SeedProgress progress() {
        return progress;
    }


    /** Declared table schemas of the flat files (sample-data/schemas). */
    public Path schemaDir() {
        return sampleDir.resolve("schemas");
    }

    /** The rows of this scale, generated in memory (deterministic: the same seed gives the same rows). */
    public synchronized SampleDataset dataset() {
        if (dataset == null) {
            dataset = new SampleGenerator(scale).generate();
        }
        return dataset;
    }

    /** The folder holding csv/, xml/ and mysql/ of this scale: sample-data/ itself at scale 1. */
    public synchronized Path dataDir() throws IOException {
        if (scale == 1) {
            return sampleDir;
        }
        Path dir = generatedDir.resolve("scale-" + scale);
        Path done = dir.resolve(".complete");
        if (!Files.exists(done)) {
            progress.update("sample data", "generating scale " + scale + " into " + dir);
            dataset().writeTo(dir);
            Files.writeString(done, "scale " + scale + "\n");
        }
        return dir;
    }

    public synchronized Catalog catalog() {
        if (catalog == null) {
            catalog = LakehouseCatalog.forStack(stack);
        }
        return catalog;
    }

    /** The shop's application database as its own user {@code lakehouse}. */
    public Connection mysql() throws SQLException {
        return ShopDatabase.connect(stack);
    }
}
