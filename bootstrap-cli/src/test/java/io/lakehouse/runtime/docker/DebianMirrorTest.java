package io.lakehouse.runtime.docker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DebianMirrorTest {
    @TempDir
    Path apt;

    @Test
    void theMachinesDeb822SourcesNameTheMirrorAndTheSecurityArchiveIsPassedOver() throws Exception {
        Files.createDirectories(apt.resolve("sources.list.d"));
        Files.writeString(apt.resolve("sources.list.d/debian.sources"), """
                Types: deb
                URIs: http://mirror.example/debian-security
                Suites: bookworm-security

                Types: deb
                # a comment
                URIs: http://mirror.example/debian/
                Suites: bookworm bookworm-updates
                """);
        assertEquals(List.of("http://mirror.example/debian-security", "http://mirror.example/debian"),
                DebianMirror.configured(apt));
        assertEquals(Optional.of("http://mirror.example/debian"), DebianMirror.find(Map.<String, String>of()::get, apt));
    }

    @Test
    void aClassicSourcesListWorksAndTheVariableWins() throws Exception {
        Files.writeString(apt.resolve("sources.list"), """
                # deb http://commented.example/debian bookworm main
                deb [arch=amd64 signed-by=/k.gpg] https://other.example/debian bookworm main
                deb-src https://other.example/debian bookworm main
                """);
        assertEquals(Optional.of("https://other.example/debian"), DebianMirror.find(Map.<String, String>of()::get, apt));
        assertEquals(Optional.of("http://given.example/debian"),
                DebianMirror.find(Map.of(DebianMirror.VARIABLE, "http://given.example/debian")::get, apt));
    }

    @Test
    void noConfigurationNamesNone() {
        assertEquals(Optional.empty(), DebianMirror.find(Map.<String, String>of()::get, apt));
    }
}
