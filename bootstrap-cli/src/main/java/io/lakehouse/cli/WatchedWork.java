package io.lakehouse.cli;

import io.lakehouse.runtime.ServiceWatch;
import io.lakehouse.runtime.StackRuntime;
import io.lakehouse.stack.ServiceCatalog;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * A command's long work run under a {@link ServiceWatch} of the services it needs, and the one way a command reports
 * that one of them went down: the cause first (the service, its state, its log's last lines), then the fix; exit 3.
 */
final class WatchedWork {
    private final ServiceWatch watch;

    /**
     * Watches {@code needs} and what they depend on, in the stack's own catalog: at a scale, every instance of their
     * roles too (a Trino worker that dies under a query is named, not the coordinator that waits for it).
     */
    WatchedWork(StackRuntime runtime, ServiceCatalog catalog, List<String> needs) {
        this.watch = new ServiceWatch(runtime, catalog.withDependencies(needs), ServiceWatch.INTERVAL);
    }

    <T> T run(Callable<T> work) throws Exception {
        return watch.run(work);
    }

    /**
     * Prints why {@code what} stopped: the service that is down, its log's last lines, what the work itself then
     * said, and how to go on ({@code then}: what to run after {@code up}). Returns the exit code.
     */
    static int report(PrintWriter err, String what, ServiceWatch.ServiceDownException down, String then) {
        err.println("error: " + what + " stopped: " + down.getMessage());
        err.println("  the last lines of its log ('lakehouse logs " + down.service() + "'):");
        down.logTail().forEach(line -> err.println("    " + (line.length() > 200 ? line.substring(0, 200) + "…" : line)));
        for (Throwable also : down.getSuppressed()) {
            err.println("  (then the work itself failed: " + also.getMessage() + ")");
        }
        err.println("  fix: 'lakehouse up' starts " + down.service() + " again; then " + then);
        err.flush();
        return ExitCodes.PRECONDITION;
    }
}
