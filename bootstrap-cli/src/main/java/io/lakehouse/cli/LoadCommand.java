package io.lakehouse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakehouse.runtime.StackRuntime;
import io.lakehouse.seed.files.FileFormat;
import io.lakehouse.seed.files.FileSchema;
import io.lakehouse.seed.files.LakehouseCatalog;
import io.lakehouse.seed.files.LoadProgress;
import io.lakehouse.seed.files.SourceCounts;
import io.lakehouse.seed.files.UserFileLoad;
import io.lakehouse.stack.ServiceCatalog;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code lakehouse load}: a user's files into an Iceberg table, every record landed or quarantined. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Load CSV, XML or JSON-lines files (gzip too) into an Iceberg table of catalog lakehouse. "
                + "Without --schema the schema is inferred from the first file and printed (save it, edit it, pass "
                + "it back with --schema). Records that do not fit go to NAMESPACE.quarantine with line or element "
                + "path, raw text and reason. Loading a file again replaces its rows.")
final class LoadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.ParentCommand
    LakehouseCommand parent;

    @Mixin
    CommonOptions common;

    @Mixin
    RuntimeChoice runtimeChoice;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Files, or directories of them.")
    List<Path> inputs;

    @Option(names = "--into", required = true, paramLabel = "NAMESPACE.TABLE", description = "Target table.")
    String into;

    @Option(names = "--format", paramLabel = "csv|xml|json", description = "Default: from the file name.")
    String format;

    @Option(names = "--schema", paramLabel = "FILE", description = "A schema file (JSON, as printed when inferred).")
    Path schemaFile;

    @Option(names = "--header", negatable = true, description = "CSV: the first row is (not) a header. Default: detected.")
    Boolean header;

    @Option(names = "--json", description = "Print the schema and counts as JSON.")
    boolean json;

    @Option(names = "--local-warehouse", paramLabel = "DIR",
            description = "Write to a Hadoop catalog in this directory instead of the stack's (no stack needed).")
    Path localWarehouse;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TableIdentifier table = TableIdentifier.parse(into);
        if (table.namespace().isEmpty()) {
            err.println("error: --into needs NAMESPACE.TABLE, e.g. bronze.my_table");
            return ExitCodes.USAGE;
        }
        if (localWarehouse == null) {
            // on the docker runtime the load runs in the toolbox: the files are mounted there read-only
            StackRuntime runtime = runtimeChoice.forExisting(common.layout(), ServiceCatalog.standard(),
                    parent.environment);
            java.util.Optional<Integer> inToolbox = Toolbox.runInsideWithFiles(spec, runtime);
            if (inToolbox.isPresent()) {
                return inToolbox.get();
            }
        }
        FileFormat given = format == null ? null : FileFormat.parse(format);
        List<Path> files = UserFileLoad.expand(inputs, given);
        FileFormat fileFormat = UserFileLoad.format(given, files);
        FileSchema declared = schemaFile == null ? null : FileSchema.read(schemaFile);
        FileSchema schema = UserFileLoad.schema(declared, fileFormat, files, header);
        boolean inferred = declared == null;
        if (inferred && !json) {
            out.println("Inferred schema (from " + files.get(0) + "; save it and pass --schema FILE to change it):");
            out.println(schema.toJson());
            out.flush();
        }
        Catalog catalog = localWarehouse != null ? LakehouseCatalog.localHadoop(localWarehouse)
                : catalogOfStack();
        LoadProgress progress = json ? LoadProgress.NONE : (t, f, n, rate) -> {
            err.printf(Locale.ROOT, "  %s: %,d records (%,.0f/s)%n", Path.of(f).getFileName(), n, rate);
            err.flush();
        };
        UserFileLoad.Result result = UserFileLoad.load(catalog, table, files, schema, inferred, progress);
        if (json) {
            out.println(toJson(table, result));
        } else {
            TextTable t = new TextTable("FILE", "RECORDS", "LANDED", "QUARANTINED", "REASONS");
            for (SourceCounts c : result.files()) {
                t.row(c.sourceFile(), Long.toString(c.recordsIn()), Long.toString(c.landed()),
                        Long.toString(c.quarantined()), c.quarantinedByReason().toString());
            }
            out.print(t.render());
            out.printf(Locale.ROOT, "Loaded %s: %d records, %d landed, %d quarantined (in %s).%n", table,
                    result.recordsIn(), result.landed(), result.quarantined(),
                    TableIdentifier.of(table.namespace(), "quarantine"));
        }
        return ExitCodes.OK;
    }

    private Catalog catalogOfStack() {
        ServiceCatalog services = ServiceCatalog.standard();
        StackRuntime runtime = runtimeChoice.forExisting(common.layout(), services, parent.environment);
        return LakehouseCatalog.forStack(runtime.endpoints());
    }

    static String toJson(TableIdentifier table, UserFileLoad.Result result) throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("table", table.toString());
        root.put("schema_inferred", result.inferred());
        root.set("schema", mapper.readTree(result.schema().toJson()));
        root.put("records_in", result.recordsIn());
        root.put("landed", result.landed());
        root.put("quarantined", result.quarantined());
        ArrayNode files = root.putArray("files");
        for (SourceCounts c : result.files()) {
            ObjectNode f = files.addObject();
            f.put("source_file", c.sourceFile());
            f.put("records_in", c.recordsIn());
            f.put("landed", c.landed());
            f.put("quarantined", c.quarantined());
            ObjectNode reasons = f.putObject("quarantined_by_reason");
            c.quarantinedByReason().forEach(reasons::put);
        }
        return mapper.writeValueAsString(root);
    }
}
