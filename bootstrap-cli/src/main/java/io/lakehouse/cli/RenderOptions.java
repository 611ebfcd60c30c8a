package io.lakehouse.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every {@code render} of a generated deployment shares: print, write, or check the committed files. */
final class RenderOptions {
    @Mixin
    CommonOptions common;

    @Option(names = "--write", description = "Write the generated files.")
    boolean write;

    @Option(names = "--check", description = "Compare the committed files with the model's output; exit 1 on "
            + "a difference.")
    boolean check;

    /** Neither --write nor --check: the command prints. */
    boolean prints() {
        return !write && !check;
    }
}
