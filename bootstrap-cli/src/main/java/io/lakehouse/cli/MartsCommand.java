package io.lakehouse.cli;

import io.lakehouse.cli.render.TextTable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lakehouse.marts.MartRefresh;
import io.lakehouse.marts.Marts;
import io.lakehouse.runtime.StackRuntime;
import io.lakehouse.stack.ServiceCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/** {@code lakehouse marts list|refresh|compare}: the business-facing tables over gold (definitions in marts/). */
@Command(name = "marts", mixinStandardHelpOptions = true,
        description = "The marts over gold (marts/trino/*.sql and marts/starrocks/*.sql): list them, refresh them "
                + "from gold, or compare StarRocks' views with Trino's tables where StarRocks runs.")
final class MartsCommand {
    @Spec
    CommandSpec spec;

    @ParentCommand
    LakehouseCommand parent;

    @Command(name = "list", description = "Each mart, its rows and current snapshot, and which engine serves them.")
    int list(@Mixin CommonOptions common, @Mixin RuntimeChoice runtimeChoice,
             @Option(names = "--json", description = "Print JSON.") boolean json) throws Exception {
        Optional<Integer> inToolbox = inToolbox("list", common, runtimeChoice);
        if (inToolbox.isPresent()) {
            return inToolbox.get();
        }
        Marts marts = marts(common, runtimeChoice);
        return print(marts, marts.describe(), json, "Marts");
    }

    @Command(name = "refresh", description = "Recompute every mart from gold: one atomic Iceberg commit each "
            + "(StarRocks: REFRESH MATERIALIZED VIEW ... WITH SYNC MODE, where it runs).")
    int refresh(@Mixin CommonOptions common, @Mixin RuntimeChoice runtimeChoice,
                @Option(names = "--json", description = "Print JSON.") boolean json) throws Exception {
        Optional<Integer> inToolbox = inToolbox("refresh", common, runtimeChoice);
        if (inToolbox.isPresent()) {
            return inToolbox.get();
        }
        Marts marts = marts(common, runtimeChoice);
        PrintWriter out = spec.commandLine().getOut();
        List<MartRefresh> refreshed = marts.refresh(done -> {
            if (!json) {
                out.printf("  %s (%s): %,d rows in %.1f s%n", done.mart(), done.engine(), done.rows(), done.seconds());
                out.flush();
            }
        });
        return print(marts, refreshed, json, "Refreshed");
    }

    @Command(name = "compare", description = "Compare each mart's rows in StarRocks and in Trino; exit 1 on a "
            + "difference, 3 when StarRocks does not run here.")
    int compare(@Mixin CommonOptions common, @Mixin RuntimeChoice runtimeChoice) throws Exception {
        Optional<Integer> inToolbox = inToolbox("compare", common, runtimeChoice);
        if (inToolbox.isPresent()) {
            return inToolbox.get();
        }
        PrintWriter out = spec.commandLine().getOut();
        Optional<List<String>> differences = marts(common, runtimeChoice).compare();
        if (differences.isEmpty()) {
            spec.commandLine().getErr().println("StarRocks does not run here (it runs only under docker, from its "
                    + "vendor's image); nothing to compare with Trino's marts.");
            return ExitCodes.PRECONDITION;
        }
        differences.get().forEach(out::println);
        out.println(differences.get().isEmpty() ? "StarRocks and Trino serve the same rows in every mart."
                : differences.get().size() + " mart(s) differ.");
        return differences.get().isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private Marts marts(CommonOptions common, RuntimeChoice runtimeChoice) {
        return Marts.of(common.layout().home(), runtime(common, runtimeChoice).endpoints(), parent.environment);
    }

    private StackRuntime runtime(CommonOptions common, RuntimeChoice runtimeChoice) {
        return runtimeChoice.forExisting(common.layout(), ServiceCatalog.standard(), parent.environment);
    }

    /** On the docker runtime the toolbox container runs the subcommand, inside the compose network. */
    private Optional<Integer> inToolbox(String subcommand, CommonOptions common, RuntimeChoice runtimeChoice) {
        return Toolbox.runInside(spec.subcommands().get(subcommand).getCommandSpec(), runtime(common, runtimeChoice));
    }

    private int print(Marts marts, List<MartRefresh> rows, boolean json, String title) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
            return ExitCodes.OK;
        }
        TextTable table = new TextTable("MART", "ENGINE", "ROWS", "VERSION");
        rows.forEach(r -> table.row(r.mart(), r.engine(), String.format("%,d", r.rows()), r.version()));
        out.print(table.render());
        out.println(title + ": " + rows.size() + "; served by " + marts.servedBy() + ".");
        return ExitCodes.OK;
    }
}
