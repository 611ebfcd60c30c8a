package io.lakehouse.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the host's CLI hands to the CLI in the toolbox: its own arguments, with host paths as the toolbox sees them. */
class ToolboxTest {
    @Test
    void theStateDirectoryAndRuntimeAreTheToolboxsOwn() {
        assertEquals(List.of("seed", "--scale", "2"), Toolbox.withoutOwnOptions(
                List.of("seed", "--state-dir", "/home/me/.lakehouse", "--scale", "2", "--runtime=docker")));
        assertEquals(List.of("verify", "--json"), Toolbox.withoutOwnOptions(
                List.of("verify", "--runtime", "auto", "--state-dir=/x", "--json")));
    }

    @Test
    void filesInTheRepositoryAreSeenUnderItsMountAndOthersUnderAFolderMountedForThem(@TempDir Path dir)
            throws Exception {
        Path home = Files.createDirectories(dir.resolve("repo"));
        Path sample = Files.createDirectories(home.resolve("sample-data/csv")).resolve("customers.csv");
        Files.writeString(sample, "id\n1\n");
        Path mine = Files.createDirectories(dir.resolve("downloads")).resolve("orders.csv");
        Files.writeString(mine, "id\n1\n");
        Path schema = dir.resolve("downloads/orders.schema.json");
        Files.writeString(schema, "{}");
        Map<Path, String> mounts = new LinkedHashMap<>();

        assertEquals("/opt/lakehouse-home/sample-data/csv/customers.csv",
                Toolbox.seenInside(sample.toString(), home, mounts));
        assertEquals("/mnt/host/0/orders.csv", Toolbox.seenInside(mine.toString(), home, mounts));
        assertEquals("--schema=/mnt/host/0/orders.schema.json",
                Toolbox.seenInside("--schema=" + schema, home, mounts));
        assertEquals("bronze.orders", Toolbox.seenInside("bronze.orders", home, mounts));
        assertEquals("--into", Toolbox.seenInside("--into", home, mounts));
        assertEquals(Map.of(dir.resolve("downloads"), "/mnt/host/0"), mounts, "one mount per folder");
    }

    @Test
    void aToolboxStoppedBySignalIsExitFourWithALineThatSaysWhatToDo() {
        java.io.StringWriter text = new java.io.StringWriter();
        java.io.PrintWriter err = new java.io.PrintWriter(text);
        org.junit.jupiter.api.Assertions.assertEquals(4, Toolbox.interpret(137, "seed", err));
        org.junit.jupiter.api.Assertions.assertTrue(text.toString().contains("(exit 137, signal 9)")
                && text.toString().contains("run 'seed' again and it continues from the first unfinished stage"),
                text.toString());
        org.junit.jupiter.api.Assertions.assertEquals(1, Toolbox.interpret(1, "verify", err), "the CLI's own code");
        org.junit.jupiter.api.Assertions.assertEquals(3, Toolbox.interpret(3, "verify", err));
    }
}
