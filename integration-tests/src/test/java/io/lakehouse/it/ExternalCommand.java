package io.lakehouse.it;

import io.lakehouse.runtime.BoundedCommand;

import java.time.Duration;
import java.util.List;

/**
 * A program the tests run, bounded by a timeout that really holds ({@link BoundedCommand}: output to a file, the
 * program and its children killed at the timeout); a timeout fails the test naming the command and its output.
 */
final class ExternalCommand {
    /** The exit code and everything the program printed. */
    record Result(int exit, String output) {
        /** This result, if the exit code was 0; else the test fails with the output. */
        Result assertSucceeded(String what) {
            if (exit != 0) {
                throw new AssertionError(what + " failed (exit " + exit + "):\n" + output);
            }
            return this;
        }
    }

    private ExternalCommand() {
    }

    static Result run(Duration timeout, String... command) throws Exception {
        return run(new ProcessBuilder(command), timeout);
    }

    static Result run(Duration timeout, List<String> command) throws Exception {
        return run(new ProcessBuilder(command), timeout);
    }

    /** Runs the prepared builder (its environment and directory kept). */
    static Result run(ProcessBuilder builder, Duration timeout) throws Exception {
        BoundedCommand.Result result = BoundedCommand.run(builder, timeout);
        if (result.timedOut()) {
            throw new AssertionError("did not finish within " + timeout.toSeconds() + " s (killed, with the processes "
                    + "it started): " + String.join(" ", builder.command()) + "\n" + result.tail(40));
        }
        return new Result(result.exit(), result.output());
    }
}
