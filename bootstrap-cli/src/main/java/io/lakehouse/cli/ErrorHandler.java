package io.lakehouse.cli;

import io.lakehouse.failure.ReportedFailure;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;

/**
 * Turns a failure into what a user needs: one clear line, the fix where known, the log tail of a failed service,
 * and the full trace only with {@code --verbose}.
 */
final class ErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception failure, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        boolean verbose = parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"))
                || parseResult.hasMatchedOption("--verbose");
        int exit = report(failure, err);
        if (verbose) {
            failure.printStackTrace(err);
        } else if (exit == ExitCodes.FAILURE) {
            err.println("  (run again with --verbose for the full trace)");
        }
        err.flush();
        return exit;
    }

    /** A {@link ReportedFailure} prints its own lines and ends with its status; anything else is a plain failure. */
    static int report(Exception failure, PrintWriter err) {
        if (failure instanceof ReportedFailure reported) {
            reported.lines().forEach(err::println);
            return reported.status().code();
        }
        err.println("error: " + (failure.getMessage() == null ? failure.toString() : failure.getMessage()));
        return ExitCodes.FAILURE;
    }
}
