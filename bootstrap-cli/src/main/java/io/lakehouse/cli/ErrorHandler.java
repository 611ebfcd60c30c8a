package io.lakehouse.cli;

import io.lakehouse.runtime.ServiceFailure;
import io.lakehouse.runtime.StackStartException;
import io.lakehouse.runtime.local.MissingJdkException;
import io.lakehouse.runtime.local.PreflightException;
import io.lakehouse.stack.UnknownServiceException;
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

    static int report(Exception failure, PrintWriter err) {
        if (failure instanceof PreflightException preflight) {
            err.println("error: cannot start; nothing was changed:");
            preflight.problems().forEach(p -> err.println("  - " + p));
            return ExitCodes.PRECONDITION;
        }
        if (failure instanceof OtherRuntimeException other) {
            err.println("error: " + other.getMessage());
            err.println("  nothing was changed");
            return ExitCodes.PRECONDITION;
        }
        if (failure instanceof io.lakehouse.runtime.docker.ImageBuildException build) {
            err.println("error: " + build.getMessage());
            build.tail().forEach(line -> err.println("    | " + line));
            err.println("  no container was started or changed; the images built before it are kept");
            return ExitCodes.START_FAILED;
        }
        if (failure instanceof MissingJdkException) {
            err.println("error: " + failure.getMessage());
            return ExitCodes.PRECONDITION;
        }
        if (failure instanceof UnknownServiceException) {
            err.println("error: " + failure.getMessage());
            return ExitCodes.USAGE;
        }
        if (failure instanceof io.lakehouse.runtime.docker.EngineStoppedException engine) {
            err.println("error: " + engine.getMessage());
            if (!engine.waiting().isEmpty()) {
                err.println("  it was starting: " + String.join(", ", engine.waiting()));
            }
            err.println("  fix: start the engine again ('sudo systemctl start docker'), then 'lakehouse up': it "
                    + "continues; what started keeps its containers and volumes");
            return ExitCodes.START_FAILED;
        }
        if (failure instanceof StackStartException start) {
            for (ServiceFailure f : start.failures()) {
                err.println("error: " + f.service() + " did not start: " + f.reason());
                f.hint().ifPresent(h -> err.println("  fix: " + h));
                if (!f.logTail().isEmpty()) {
                    err.println("  last lines of " + f.log().orElse("its log") + ":");
                    f.logTail().forEach(line -> err.println("    | " + line));
                }
            }
            if (!start.skipped().isEmpty()) {
                err.println("not started because a dependency failed: " + String.join(", ", start.skipped()));
            }
            err.println("services that came up are still running: 'lakehouse status' shows them, "
                    + "'lakehouse down' stops them.");
            return ExitCodes.START_FAILED;
        }
        err.println("error: " + (failure.getMessage() == null ? failure.toString() : failure.getMessage()));
        return ExitCodes.FAILURE;
    }
}
