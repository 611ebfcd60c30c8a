package io.lakehouse.cli;

import io.lakehouse.cli.render.TextTable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lakehouse.runtime.StackRuntime;
import io.lakehouse.verify.Check;
import io.lakehouse.verify.Reconciliation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.util.List;

/** {@code lakehouse verify}: the reconciliation report; exits 1 naming every mismatch. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Reconcile the seeded lakehouse with its sources: records in = landed + quarantined per file, "
                + "MySQL rows and content = bronze after CDC, events produced = landed once, serving-store totals "
                + "= Trino's over bronze.events. Exit 1 on any mismatch.")
final class VerifyCommand extends InStackCommand {
    @Option(names = "--scale", defaultValue = "1", description = "The scale seed ran with (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--json", description = "Print the checks as JSON.")
    boolean json;

    @Override
    protected int run(StackRuntime runtime, PrintWriter out) throws Exception {
        List<Check> checks = new Reconciliation(runtime.endpoints(), scale).run();
        long failed = checks.stream().filter(c -> !c.ok()).count();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(checks));
        } else {
            TextTable table = new TextTable("AREA", "CHECK", "EXPECTED", "ACTUAL", "RESULT", "DETAIL");
            for (Check check : checks) {
                table.row(check.area(), check.name(), check.expected(), check.actual(),
                        check.ok() ? "ok" : "MISMATCH", check.detail());
            }
            out.print(table.render());
            out.println(failed == 0 ? "All " + checks.size() + " checks agree."
                    : failed + " of " + checks.size() + " checks do not agree: "
                    + String.join(", ", checks.stream().filter(c -> !c.ok()).map(c -> c.area() + " " + c.name())
                    .toList()));
        }
        return failed == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
