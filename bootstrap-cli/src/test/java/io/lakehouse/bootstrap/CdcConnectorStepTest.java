package io.lakehouse.bootstrap;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CdcConnectorStepTest {
    private final Map<String, String> config = CdcConnectorStep.connectorConfig();

    @Test
    void followsTheSeedContract() {
        assertEquals("shop", config.get("database.include.list"));
        assertEquals("cdc", config.get("topic.prefix"));
        assertEquals("cdc.schema-history", config.get("schema.history.internal.kafka.topic"));
        assertEquals("string", config.get("decimal.handling.mode"));
        assertEquals("false", config.get("tombstones.on.delete"));
        assertEquals("false", config.get("value.converter.schemas.enable"));
        assertEquals("false", config.get("key.converter.schemas.enable"));
    }

    @Test
    void holdsNoSecretAndNoRuntimeSpecificAddress() {
        assertEquals("${env:CDC_DB_PASSWORD}", config.get("database.password"));
        config.forEach((key, value) -> {
            if (key.startsWith("database.") && (key.endsWith("hostname") || key.endsWith("port"))
                    || key.endsWith("bootstrap.servers")) {
                assertTrue(value.matches("(\\$\\{env:[A-Z_]+}:?)+"), key + " = " + value + " is resolved by the worker");
            }
        });
    }
}
