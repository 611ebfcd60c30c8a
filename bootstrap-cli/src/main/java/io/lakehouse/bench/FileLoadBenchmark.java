package io.lakehouse.bench;

import io.lakehouse.seed.files.ColumnSpec;
import io.lakehouse.seed.files.FileLoader;
import io.lakehouse.seed.files.FileSchema;
import io.lakehouse.seed.files.LakehouseCatalog;
import io.lakehouse.seed.files.LoadProgress;
import io.lakehouse.seed.files.SourceCounts;
import io.lakehouse.seed.sample.SampleDataset;
import io.lakehouse.seed.sample.SampleGenerator;
import io.lakehouse.seed.spark.SparkSqlRunner;
import io.lakehouse.stack.ProbeTarget;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Files -> bronze throughput on the same file, two ways: the platform's loader (parse, type against the declared
 * schema, quarantine, Iceberg commit) and a plain Spark {@code INSERT OVERWRITE ... SELECT} from the CSV (on HDFS)
 * through Spark Connect, typed with {@code try_cast}. Each runs twice and the second, warm, run counts (Spark's
 * server is long-running; the loader's JVM is warm after the first file).
 */
public final class FileLoadBenchmark {
    private static final Pattern INSERT_TIME = Pattern.compile("INSERT OVERWRITE [^:]*: ([0-9.]+) s");

    private final ProbeTarget stack;
    private final Path home;
    private final Path workDir;
    private final Consumer<String> progress;

    public FileLoadBenchmark(ProbeTarget stack, Path home, Path workDir, Consumer<String> progress) {
        this.stack = requireNonNull(stack, "stack");
        this.home = requireNonNull(home, "home");
        this.workDir = requireNonNull(workDir, "workDir");
        this.progress = requireNonNull(progress, "progress");
    }

    public record Result(String file, long records, double loaderSeconds, double sparkSeconds) {
        public double loaderRecordsPerSecond() {
            return records / loaderSeconds;
        }

        public double sparkRecordsPerSecond() {
            return records / sparkSeconds;
        }

        /** Above 1: the loader is faster. */
        public double ratio() {
            return sparkSeconds / loaderSeconds;
        }
    }

    public Result run(int scale) throws Exception {
        Path dir = workDir.resolve("scale-" + scale);
        Path csv = dir.resolve(SampleDataset.CUSTOMERS_FILE);
        if (!Files.isRegularFile(csv)) {
            progress.accept("generating the scale-" + scale + " sample data into " + dir);
            new SampleGenerator(scale).generate().writeTo(dir);
        }
        FileSchema schema = FileSchema.read(home.resolve("sample-data/schemas/customers.json"));
        Catalog catalog = LakehouseCatalog.forStack(stack);
        if (catalog instanceof SupportsNamespaces namespaces && !namespaces.namespaceExists(Namespace.of("bench"))) {
            namespaces.createNamespace(Namespace.of("bench"));
        }
        FileLoader loader = new FileLoader(catalog, LoadProgress.NONE);
        SourceCounts counts = null;
        for (int run = 1; run <= 2; run++) {
            counts = loader.load(TableIdentifier.of("bench", "customers_loader"), schema, csv, "bench/customers.csv");
            progress.accept(String.format("loader run %d: %,d records in %.2f s", run, counts.recordsIn(),
                    counts.seconds()));
        }

        String hdfs = "hdfs://" + stack.address("NAMENODE_RPC_PORT");
        String target = "/bench/customers-scale-" + scale + ".csv";
        Configuration conf = new Configuration(false);
        conf.set("fs.hdfs.impl", "org.apache.hadoop.hdfs.DistributedFileSystem");
        conf.set("dfs.replication", "1");
        try (FileSystem fs = FileSystem.newInstance(URI.create(hdfs), conf)) {
            fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(csv.toUri()),
                    new org.apache.hadoop.fs.Path(target));
        }
        Path sql = Files.createDirectories(workDir).resolve("spark-load.sql");
        Files.writeString(sql, sparkSql(schema, hdfs + target));
        List<Double> inserts = new ArrayList<>();
        new SparkSqlRunner(home, stack).run(List.of(sql), line -> {
            Matcher time = INSERT_TIME.matcher(line);
            if (time.find()) {
                inserts.add(Double.parseDouble(time.group(1)));
                progress.accept("spark run " + inserts.size() + ": " + line);
            }
        });
        if (inserts.size() != 2) {
            throw new IllegalStateException("the Spark runner reported " + inserts.size() + " INSERT timings, not 2");
        }
        return new Result(csv.toString(), counts.recordsIn(), counts.seconds(), inserts.get(1));
    }

    static String sparkSql(FileSchema schema, String csvPath) {
        String columns = schema.columns().stream().map(c -> c.name() + " " + sparkType(c))
                .collect(Collectors.joining(", "));
        String select = schema.columns().stream()
                .map(c -> "try_cast(" + c.source() + " AS " + sparkType(c) + ") AS " + c.name())
                .collect(Collectors.joining(", "));
        String insert = "INSERT OVERWRITE lakehouse.bench.customers_spark SELECT " + select + " FROM bench_customers_csv;\n";
        return "CREATE NAMESPACE IF NOT EXISTS lakehouse.bench;\n"
                + "CREATE OR REPLACE TEMPORARY VIEW bench_customers_csv USING csv OPTIONS (path '" + csvPath
                + "', header 'true', multiLine 'true');\n"
                + "CREATE TABLE IF NOT EXISTS lakehouse.bench.customers_spark (" + columns + ") USING iceberg;\n"
                + insert + insert;
    }

    private static String sparkType(ColumnSpec column) {
        return switch (column.type().kind()) {
            case STRING -> "STRING";
            case INT -> "INT";
            case LONG -> "BIGINT";
            case DOUBLE -> "DOUBLE";
            case DECIMAL -> "DECIMAL(" + column.type().precision() + "," + column.type().scale() + ")";
            case BOOLEAN -> "BOOLEAN";
            case DATE -> "DATE";
            case TIMESTAMP -> "TIMESTAMP_NTZ";
            case TIMESTAMPTZ -> "TIMESTAMP";
        };
    }
}
