package io.lakehouse.bootstrap;

import io.lakehouse.runtime.RuntimeKind;
import io.lakehouse.stack.ProbeTarget;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SupersetStepTest {
    private final ProbeTarget stack = new ProbeTarget("127.0.0.1", Map.of("TRINO_PORT", 10080), Map.of());

    /** Superset reaches Trino beside it locally, and by its compose service name from its container. */
    @Test
    void theTrinoConnectionIsWhereSupersetRuns() {
        assertEquals("trino://lakehouse@127.0.0.1:10080/lakehouse", SupersetStep.trinoUri(RuntimeKind.LOCAL, stack));
        assertEquals("trino://lakehouse@trino:10080/lakehouse", SupersetStep.trinoUri(RuntimeKind.DOCKER, stack));
    }
}
