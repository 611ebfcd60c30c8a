package io.lakehouse.cli;

import io.lakehouse.runtime.ServiceFailure;
import io.lakehouse.runtime.StackStartException;
import io.lakehouse.runtime.process.PreflightException;
import io.lakehouse.stack.UnknownServiceException;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each known failure prints its own lines and exit code; anything else is a plain failure (exit 1). */
class ErrorHandlerTest {
    private static String[] report(Exception failure, int expectedExit) {
        StringWriter text = new StringWriter();
        assertEquals(expectedExit, ErrorHandler.report(failure, new PrintWriter(text, true)));
        return text.toString().split("\n");
    }

    @Test
    void aPreflightProblemIsAPreconditionWithEachProblemListed() {
        assertEquals(List.of("error: cannot start; nothing was changed:", "  - port 8080 is in use", "  - no JDK 21"),
                List.of(report(new PreflightException(List.of("port 8080 is in use", "no JDK 21")), 3)));
    }

    @Test
    void aServiceThatDidNotStartIsNamedWithItsFixAndLogTail() {
        ServiceFailure failure = new ServiceFailure("trino", "not healthy after 120 s", Optional.of("raise the budget"),
                Optional.of("/s/logs/trino.log"), List.of("line 1", "line 2"));
        assertEquals(List.of("error: trino did not start: not healthy after 120 s", "  fix: raise the budget",
                        "  last lines of /s/logs/trino.log:", "    | line 1", "    | line 2",
                        "not started because a dependency failed: superset",
                        "services that came up are still running: 'lakehouse status' shows them, 'lakehouse down' "
                                + "stops them."),
                List.of(report(new StackStartException(List.of(failure), List.of("superset")), 4)));
    }

    @Test
    void anUnknownServiceIsUsageAndAnythingElseAPlainFailure() {
        assertEquals("error: unknown service 'tirno'; valid services: trino",
                report(new UnknownServiceException("tirno", List.of("trino")), 2)[0]);
        assertEquals("error: boom", report(new IllegalStateException("boom"), 1)[0]);
    }
}
