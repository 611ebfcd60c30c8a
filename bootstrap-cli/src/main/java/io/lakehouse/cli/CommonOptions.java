package io.lakehouse.cli;

import io.lakehouse.runtime.StackLayout;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Options every command shares. */
public final class CommonOptions {
    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "State directory: data, logs, config, secrets (default: $LAKEHOUSE_STATE_DIR or ./.lakehouse).")
    Path stateDir;

    @Option(names = {"-v", "--verbose"}, description = "Show full stack traces on errors.")
    boolean verbose;

    StackLayout layout() {
        return StackLayout.discover(stateDir);
    }
}
