package io.lakehouse.runtime;

import io.lakehouse.stack.ServiceCatalog;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PortOffsetTest {
    private final ServiceCatalog catalog = ServiceCatalog.standard();

    @Test
    void offsetShiftsDefaultsButNotExplicitOverrides() {
        Map<String, String> env = Map.of("LAKEHOUSE_PORT_OFFSET", "10000", "LAKEHOUSE_MYSQL_PORT", "3307");
        Map<String, Integer> ports = PortAssignments.resolve(catalog.all(), env::get);
        assertEquals(3307, ports.get("MYSQL_PORT"));
        assertEquals(19092, ports.get("KAFKA_PORT"));
    }

    @Test
    void badOffsetIsNamed() {
        Map<String, String> env = Map.of("LAKEHOUSE_PORT_OFFSET", "lots");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> PortAssignments.resolve(catalog.all(), env::get));
        assertEquals("LAKEHOUSE_PORT_OFFSET=lots is not an offset (0-50000)", error.getMessage());
    }
}
