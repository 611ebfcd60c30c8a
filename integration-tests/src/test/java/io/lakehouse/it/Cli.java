package io.lakehouse.it;

import io.lakehouse.cli.LakehouseCommand;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The real CLI run in the test JVM against a test stack's state directory, with its port overrides. */
final class Cli {
    /** Exit code and what the command printed. */
    record Run(int exit, String out, String err) {
    }

    private Cli() {
    }

    static Run run(Path stateDir, Map<String, String> environment, String... args) {
        List<String> argv = new ArrayList<>(List.of(args));
        argv.add("--state-dir");
        argv.add(stateDir.toString());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = LakehouseCommand.commandLine(environment::get);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute(argv.toArray(String[]::new));
        SeedState.observed(stateDir, args, exit);
        return new Run(exit, out.toString(), err.toString());
    }
}
