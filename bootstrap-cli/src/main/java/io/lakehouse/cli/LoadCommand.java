package io.lakehouse.cli;

import io.lakehouse.cli.render.TextTable;
import io.lakehouse.cli.render.ProgressLine;
import io.lakehouse.cli.render.ProgressDisplay;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakehouse.runtime.StackRuntime;
import io.lakehouse.seed.files.FileFormat;
import io.lakehouse.seed.files.FileSchema;
import io.lakehouse.seed.files.InputRefusedException;
import io.lakehouse.seed.files.LoadPlan;
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
                + "path, raw text and reason. Loading a file again replaces its rows. Exit 2: bad arguments; "
                + "exit 3: a file refused (conflicting columns, unsafe XML); nothing is loaded then.")
final class LoadCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;


    @Mixin
    StackOptions stack;

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

    @Option(names = "--allow-new-columns",
            description = "Add columns the table lacks (without it a file with other columns is refused).")
    boolean allowNewColumns;

    @Option(names = "--json", description = "Print the plan and counts (or the error) as JSON.")
    boolean json;

    @Option(names = "--local-warehouse", paramLabel = "DIR",
            description = "Write to a Hadoop catalog in this directory instead of the stack's (no stack needed).")
    Path localWarehouse;

    /** Table and namespace names as the metastore keeps them: lower case, SQL-safe, no quoting needed. */
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-z_][a-z0-9_]*");

    @Override
    public Integer call() throws Exception {
        try {
            return load();
        } catch (CommandException e) {
            return fail(e.exitCode, e.getMessage());
        } catch (InputRefusedException e) {
            return fail(ExitCodes.PRECONDITION, e.getMessage());
        } catch (IllegalArgumentException e) {
            return fail(ExitCodes.USAGE, e.getMessage());
        } catch (Exception e) {
            if (!json) {
                throw e;
            }
            // a script asked for JSON: the same line and exit code the handler would print, as JSON
            java.io.StringWriter text = new java.io.StringWriter();
            int exitCode = ErrorHandler.report(e, new PrintWriter(text));
            return fail(exitCode, text.toString().strip().replaceFirst("^error: ", ""));
        }
    }

    /** A refusal: one line (or, with --json, one JSON object on stdout) and the exit code; nothing was written. */
    private int fail(int exitCode, String message) throws Exception {
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ObjectNode error = mapper.createObjectNode();
            error.put("error", message);
            error.put("exit_code", exitCode);
            error.put("loaded", false);
            spec.commandLine().getOut().println(mapper.writeValueAsString(error));
            spec.commandLine().getOut().flush();
        } else {
            spec.commandLine().getErr().println("error: " + message);
            spec.commandLine().getErr().flush();
        }
        return exitCode;
    }

    private static final class CommandException extends RuntimeException {
        final int exitCode;

        CommandException(int exitCode, String message) {
            super(message);
            this.exitCode = exitCode;
        }
    }

    /** --into as NAMESPACE.TABLE; anything else is a usage error that names the fix. */
    static TableIdentifier target(String into) {
        String[] parts = into.split("\\.", -1);
        if (parts.length != 2) {
            throw new CommandException(ExitCodes.USAGE, "--into '" + into + "' must be NAMESPACE.TABLE (two names "
                    + "and one dot), e.g. --into bronze.my_table");
        }
        for (String part : parts) {
            if (!NAME.matcher(part).matches()) {
                String suggestion = io.lakehouse.seed.files.ColumnNames.safe(part);
                throw new CommandException(ExitCodes.USAGE, "--into '" + into + "': '" + part + "' is not a "
                        + "lower-case SQL name (letters, digits, _; the catalog would change it); use '"
                        + suggestion + "', e.g. --into " + String.join(".", java.util.Arrays.stream(parts)
                        .map(io.lakehouse.seed.files.ColumnNames::safe).toList()));
            }
        }
        return TableIdentifier.of(parts[0], parts[1]);
    }

    private Integer load() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TableIdentifier table = target(into);
        if (localWarehouse == null) {
            // on the docker runtime the load runs in the toolbox: the files are mounted there read-only
            StackRuntime runtime = stack.runtime();
            java.util.Optional<Integer> inToolbox = Toolbox.runInsideWithFiles(spec, runtime);
            if (inToolbox.isPresent()) {
                return inToolbox.get();
            }
        }
        FileFormat given = format == null ? null : FileFormat.parse(format);
        FileSchema declared = schemaFile == null ? null : FileSchema.read(schemaFile);
        Catalog catalog = localWarehouse != null ? LakehouseCatalog.localHadoop(localWarehouse)
                : catalogOfStack();
        if (!json) {
            err.println(declared == null ? "Reading the files to plan the load (types are inferred from every value)..."
                    : "Reading the files' headers to plan the load...");
            err.flush();
        }
        LoadPlan plan = LoadPlan.make(catalog, table, inputs, given, declared, header, allowNewColumns);
        if (!json) {
            printPlan(out, plan);
        }
        ProgressLine line = new ProgressLine(err, ProgressDisplay.isTerminal());
        LoadProgress progress = json ? LoadProgress.NONE : (t, f, n, rate) -> line.update(String.format(Locale.ROOT,
                "%s: %,d records (%,.0f/s)", Path.of(f).getFileName(), n, rate));
        UserFileLoad.Result result = UserFileLoad.load(catalog, plan, progress);
        line.done();
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

    private static void printPlan(PrintWriter out, LoadPlan plan) {
        List<LoadPlan.Group> groups = plan.groups();
        for (LoadPlan.Group g : groups) {
            String files = g.files().size() == 1 ? g.files().get(0).toString() : g.files().size() + " "
                    + g.format().id() + " files (" + g.files().get(0).getFileName() + ", ...)";
            out.println((plan.inferred() ? "Inferred schema of " : "Schema of ") + files
                    + (plan.inferred() ? " (save it and pass --schema FILE to change it):" : ":"));
            out.println(g.schema().toJson());
            List<String> renamed = g.schema().columns().stream().filter(c -> !c.source().equals(c.name()))
                    .map(c -> "'" + c.source() + "' -> " + c.name()).toList();
            if (!renamed.isEmpty()) {
                out.println("Columns named from the file (recorded in the table's properties): "
                        + String.join(", ", renamed));
            }
        }
        if (!plan.newColumns().isEmpty()) {
            out.println("Adding columns to " + plan.table() + ": " + String.join(", ", plan.newColumns()));
        }
        if (!plan.empty().isEmpty()) {
            out.println("Empty (no records): " + plan.empty().stream().limit(5).map(Path::toString).toList()
                    + (plan.empty().size() > 5 ? " ..." : ""));
        }
        if (!plan.skipped().isEmpty()) {
            out.println("Skipped " + plan.skipped().size() + " file(s) of no known format (name them with --format "
                    + "to load them): " + plan.skipped().stream().limit(5).map(Path::toString).toList()
                    + (plan.skipped().size() > 5 ? " ..." : ""));
        }
        out.flush();
    }

    private Catalog catalogOfStack() {
        ServiceCatalog services = stack.catalog();
        StackRuntime runtime = stack.runtime(services);
        return LakehouseCatalog.forStack(runtime.endpoints());
    }

    static String toJson(TableIdentifier table, UserFileLoad.Result result) throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        LoadPlan plan = result.plan();
        root.put("table", table.toString());
        root.put("schema_inferred", plan.inferred());
        List<LoadPlan.Group> groups = plan.groups();
        if (!groups.isEmpty()) {
            root.set("schema", mapper.readTree(groups.get(0).schema().toJson()));
        }
        ArrayNode groupArray = root.putArray("groups");
        for (LoadPlan.Group g : groups) {
            ObjectNode node = groupArray.addObject();
            node.put("format", g.format().id());
            ArrayNode files = node.putArray("files");
            g.files().forEach(f -> files.add(f.toString()));
            node.set("schema", mapper.readTree(g.schema().toJson()));
        }
        ArrayNode added = root.putArray("new_columns");
        plan.newColumns().forEach(added::add);
        ArrayNode empty = root.putArray("empty_files");
        plan.empty().forEach(f -> empty.add(f.toString()));
        ArrayNode skipped = root.putArray("skipped_files");
        plan.skipped().forEach(f -> skipped.add(f.toString()));
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
