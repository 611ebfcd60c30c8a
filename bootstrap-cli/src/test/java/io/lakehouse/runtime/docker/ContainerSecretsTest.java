package io.lakehouse.runtime.docker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ContainerSecretsTest {
    @Test
    void aSecretIsReadExactlyAsCopiedAndAnAbsentOneIsEmpty(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("MYSQL_PASSWORD"), "a b=c\\d ");
        Files.writeString(dir.resolve("EMPTY"), "");
        ContainerSecrets secrets = new ContainerSecrets(dir);
        assertEquals(Optional.of("a b=c\\d "), secrets.value("MYSQL_PASSWORD"));
        assertEquals(Optional.empty(), secrets.value("EMPTY"));
        assertEquals(Optional.empty(), secrets.value("JUPYTER_TOKEN"));
    }
}
