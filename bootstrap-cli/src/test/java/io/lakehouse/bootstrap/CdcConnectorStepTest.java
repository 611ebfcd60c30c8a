package io.lakehouse.bootstrap;

import io.lakehouse.runtime.RuntimeKind;
import io.lakehouse.runtime.StackLayout;
import org.junit.jupiter.api.Test;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CdcConnectorStepTest {
    private static final Path HOME = Path.of(System.getProperty("lakehouse.home"));
    private final StackLayout layout = new StackLayout(HOME, Path.of("/tmp/state"));
    private final Map<String, String> config = CdcConnectorStep.on(RuntimeKind.LOCAL, layout).connectorConfig();

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
        config.forEach((key, value) -> {
            if (key.startsWith("database.") && (key.endsWith("hostname") || key.endsWith("port"))
                    || key.endsWith("bootstrap.servers")) {
                assertTrue(value.matches("(\\$\\{env:[A-Z_]+}:?)+"), key + " = " + value + " is resolved by the worker");
            }
        });
    }

    @Test
    void thePasswordIsTheWorkersRenderedSecretFileAsTheWorkerSeesIt() throws Exception {
        assertEquals("${secrets:/tmp/state/conf/kafka-connect/secrets:CDC_DB_PASSWORD}", config.get("database.password"));
        assertEquals("${secrets:/var/lib/lakehouse/conf/secrets:CDC_DB_PASSWORD}",
                CdcConnectorStep.on(RuntimeKind.DOCKER, layout).connectorConfig().get("database.password"));
        // the worker's side of the contract: a file of that name in the rendered folder, the only folder the
        // provider may read, and the password not among the environment variables it may read
        Path templates = HOME.resolve("compose/kafka-connect");
        assertTrue(Files.isRegularFile(templates.resolve("secrets").resolve(CdcConnectorStep.PASSWORD)));
        Properties worker = new Properties();
        try (Reader in = Files.newBufferedReader(templates.resolve("connect-distributed.properties"))) {
            worker.load(in);
        }
        assertEquals("org.apache.kafka.common.config.provider.DirectoryConfigProvider",
                worker.getProperty("config.providers.secrets.class"));
        assertEquals("${CONF_DIR}/secrets", worker.getProperty("config.providers.secrets.param.allowed.paths"));
        assertFalse(worker.getProperty("config.providers.env.param.allowlist.pattern").contains("PASSWORD"));
    }
}
