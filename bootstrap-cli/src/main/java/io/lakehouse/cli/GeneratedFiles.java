package io.lakehouse.cli;

import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The files a deployment generator made from the service model, against the committed ones: {@code render --write}
 * writes those that differ, {@code render --check} exits 1 naming them (compose and Kubernetes alike).
 */
final class GeneratedFiles {
    private GeneratedFiles() {
    }

    /**
     * @param dir    where the files' keys are relative to
     * @param shown  what a key is prefixed with in messages ("compose/")
     * @param what   the tree, for the message that all agree ("compose/")
     * @param render the command that writes them, for the fix
     */
    static int writeOrCheck(CommandSpec spec, Map<String, String> files, Path dir, String shown, String what,
                            String render, boolean write, boolean check) throws IOException {
        if (write && check) {
            spec.commandLine().getErr().println("error: --write and --check exclude each other");
            return ExitCodes.USAGE;
        }
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            if (Files.isRegularFile(path) && Files.readString(path, StandardCharsets.UTF_8).equals(file.getValue())) {
                continue;
            }
            stale.add(shown + file.getKey());
            if (write) {
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
            }
        }
        if (check && !stale.isEmpty()) {
            spec.commandLine().getErr().println("error: differs from the service model: " + String.join(", ", stale));
            spec.commandLine().getErr().println("  fix: " + render + " --write");
            return ExitCodes.FAILURE;
        }
        spec.commandLine().getOut().println(stale.isEmpty()
                ? what + " agrees with the service model (" + files.size() + " file(s))"
                : (write ? "wrote " : "") + String.join(", ", stale));
        return ExitCodes.OK;
    }
}
