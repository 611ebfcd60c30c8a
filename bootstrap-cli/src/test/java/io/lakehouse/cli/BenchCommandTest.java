package io.lakehouse.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input to {@code bench} is a usage error, refused before the stack is looked at; no state is written. */
class BenchCommandTest {
    @Test
    void anUnknownBenchmarkOrANonPositiveCountIsAUsageErrorThatWritesNothing(@TempDir Path state) throws Exception {
        for (String[] args : new String[][]{{"bench", "seeds"}, {"bench", "seed", "--runs", "0"},
                {"bench", "seed", "--scale", "-1"}}) {
            CommandLine cli = LakehouseCommand.commandLine(name -> null);
            StringWriter err = new StringWriter();
            cli.setOut(new PrintWriter(new StringWriter()));
            cli.setErr(new PrintWriter(err));
            String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                    java.util.stream.Stream.of("--state-dir", state.resolve("s").toString())).toArray(String[]::new);
            assertEquals(ExitCodes.USAGE, cli.execute(all), String.join(" ", args) + ": " + err);
            assertTrue(err.toString().startsWith("error: "), err.toString());
            assertTrue(Files.notExists(state.resolve("s")), "a refused command writes no state directory");
        }
    }
}
