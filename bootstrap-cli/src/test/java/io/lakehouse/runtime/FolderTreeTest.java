package io.lakehouse.runtime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FolderTreeTest {

    @Test
    void aTreeGoesWithEverythingUnderItButALinkedFolderOutsideStays(@TempDir Path root) throws IOException {
        Path outside = Files.createDirectories(root.resolve("outside"));
        Files.writeString(outside.resolve("kept.txt"), "not under the tree");
        Path tree = Files.createDirectories(root.resolve("tree").resolve("a").resolve("b"));
        Files.writeString(tree.resolve("file"), "x");
        Files.createSymbolicLink(root.resolve("tree").resolve("link"), outside);

        FolderTree.delete(root.resolve("tree"));

        assertFalse(Files.exists(root.resolve("tree"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertTrue(Files.exists(outside.resolve("kept.txt")), "a link is removed, not followed");
    }

    @Test
    void itsContentsGoAndTheFolderStays(@TempDir Path root) throws IOException {
        Path folder = Files.createDirectories(root.resolve("folder"));
        Files.createDirectories(folder.resolve("sub"));
        Files.writeString(folder.resolve("sub").resolve("f"), "x");

        FolderTree.deleteContents(folder);

        assertTrue(Files.isDirectory(folder));
        try (var left = Files.list(folder)) {
            assertTrue(left.findAny().isEmpty());
        }
    }

    @Test
    void aMissingFolderIsNothingToDo(@TempDir Path root) throws IOException {
        FolderTree.delete(root.resolve("never-made"));
        FolderTree.deleteContents(root.resolve("never-made"));
        assertFalse(Files.exists(root.resolve("never-made")));
    }
}
