package io.lakehouse.cli;

import io.lakehouse.runtime.StackRuntime;
import io.lakehouse.sql.QueryResult;
import io.lakehouse.sql.ResultFormat;
import io.lakehouse.sql.SqlScript;
import io.lakehouse.sql.TrinoEndpoint;
import io.lakehouse.sql.TrinoErrors;
import io.lakehouse.stack.ProbeTarget;
import io.lakehouse.stack.ServiceCatalog;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code lakehouse sql}: SQL on Trino, interactive (history, aligned tables) or from -e / -f. */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = "Run SQL on Trino: an interactive shell with history, or -e \"SQL\" / -f FILE; "
                + "results as an aligned table, CSV or JSON. Errors show Trino's own message.")
final class SqlCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;


    @Mixin
    StackOptions stack;

    @ArgGroup(exclusive = true)
    Source source;

    static final class Source {
        @Option(names = {"-e", "--execute"}, paramLabel = "SQL", description = "Statements to run, separated by ';'.")
        String sql;

        @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "A file of statements to run.")
        Path file;
    }

    @Option(names = "--format", defaultValue = "table", description = "table, csv or json (default: ${DEFAULT-VALUE}).")
    ResultFormat format;

    @Option(names = "--catalog", defaultValue = "lakehouse", description = "Default catalog (default: ${DEFAULT-VALUE}).")
    String catalog;

    @Option(names = "--schema", description = "Default schema.")
    String schema;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ServiceCatalog services = stack.catalog();
        StackRuntime runtime = stack.runtime(services);
        ProbeTarget stack = runtime.endpoints();
        TrinoEndpoint trino = TrinoEndpoint.of(stack, catalog, schema);
        try (Connection connection = trino.connect()) {
            if (source == null) {
                return interactive(connection, out, err);
            }
            String text = source.sql != null ? source.sql : Files.readString(source.file);
            for (String statement : SqlScript.statements(text)) {
                if (!run(connection, statement, out, err)) {
                    return ExitCodes.FAILURE;
                }
            }
            return ExitCodes.OK;
        } catch (SQLException e) {
            err.println("error: cannot reach Trino at " + trino.url() + ": " + e.getMessage()
                    + " ('lakehouse status trino' tells whether it runs)");
            return ExitCodes.FAILURE;
        }
    }

    private boolean run(Connection connection, String sql, PrintWriter out, PrintWriter err) {
        try (Statement statement = connection.createStatement()) {
            format.print(QueryResult.run(statement, sql), out);
            return true;
        } catch (SQLException e) {
            err.println("error: " + trinoMessage(e));
            err.flush();
            return false;
        }
    }

    static String trinoMessage(SQLException e) {
        return TrinoErrors.message(e);
    }

    private int interactive(Connection connection, PrintWriter out, PrintWriter err) throws Exception {
        Path history = stack.layout().stateDir().resolve("sql_history");
        Files.createDirectories(history.getParent());
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal)
                    .variable(LineReader.HISTORY_FILE, history)
                    .build();
            out.println("Trino SQL on catalog '" + catalog + "'. End statements with ';'. Ctrl-D to quit.");
            StringBuilder buffer = new StringBuilder();
            while (true) {
                String line;
                try {
                    line = reader.readLine(buffer.length() == 0 ? "lakehouse> " : "       -> ");
                } catch (UserInterruptException e) {
                    buffer.setLength(0);
                    continue;
                } catch (EndOfFileException e) {
                    return ExitCodes.OK;
                }
                if (buffer.length() == 0 && List.of("quit", "exit", "quit;", "exit;").contains(line.strip())) {
                    return ExitCodes.OK;
                }
                buffer.append(line).append('\n');
                if (SqlScript.complete(buffer.toString())) {
                    for (String statement : SqlScript.statements(buffer.toString())) {
                        run(connection, statement, out, err);
                    }
                    buffer.setLength(0);
                }
            }
        }
    }
}
