package io.lakehouse.stack.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KafkaConnectProbeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void namesEachConnectorsStateWithTheFirstLineOfAFailedTasksTrace() throws Exception {
        String expanded = """
                {"shop-cdc":{"status":{"name":"shop-cdc","connector":{"state":"RUNNING"},
                  "tasks":[{"id":0,"state":"FAILED","trace":"org.apache.kafka.connect.errors.ConnectException: Access denied for user 'cdc'\\n\\tat io.debezium..."}]}},
                 "other":{"status":{"name":"other","connector":{"state":"PAUSED"},"tasks":[]}}}
                """;
        assertEquals("shop-cdc FAILED (task 0): org.apache.kafka.connect.errors.ConnectException: Access denied "
                + "for user 'cdc'; other PAUSED", KafkaConnectProbe.connectorStates(JSON.readTree(expanded)));
        assertEquals("no connectors", KafkaConnectProbe.connectorStates(JSON.readTree("{}")));
    }

    @Test
    void aFailedConnectorComesBeforeItsTasks() throws Exception {
        String status = """
                {"connector":{"state":"FAILED","trace":"java.lang.IllegalStateException: boom\\nmore"},"tasks":[]}
                """;
        assertEquals("FAILED: java.lang.IllegalStateException: boom", KafkaConnectProbe.connectorState(JSON.readTree(status)));
    }
}
