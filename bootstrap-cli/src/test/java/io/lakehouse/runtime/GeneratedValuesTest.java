package io.lakehouse.runtime;

import io.lakehouse.stack.ServiceCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeneratedValuesTest {

    @Test
    void generatesOnceOwnerOnlyAndKeepsThem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("state/secrets.properties");
        Map<String, String> first = GeneratedValues.loadOrCreate(file, ServiceCatalog.standard().all());
        assertEquals(24, first.get("MYSQL_ROOT_PASSWORD").length());
        assertNotEquals(first.get("MYSQL_ROOT_PASSWORD"), first.get("MYSQL_PASSWORD"));
        assertEquals(22, first.get("KAFKA_CLUSTER_ID").length());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(first, GeneratedValues.loadOrCreate(file, ServiceCatalog.standard().all()));
        assertEquals(first, GeneratedValues.load(file));
        assertTrue(GeneratedValues.load(dir.resolve("none")).isEmpty());
    }

    @Test
    void clusterIdsNeverStartWithADashWhichCommandLinesWouldReadAsAnOption() {
        for (int i = 0; i < 5000; i++) {
            String id = GeneratedValues.generate(io.lakehouse.stack.GeneratedValue.Kind.BASE64_UUID);
            assertEquals(22, id.length());
            assertTrue(!id.startsWith("-"), id);
        }
    }
}
