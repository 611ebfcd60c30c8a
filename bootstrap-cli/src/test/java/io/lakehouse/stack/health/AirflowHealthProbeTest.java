package io.lakehouse.stack.health;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehouse.stack.ProbeResult;
import io.lakehouse.stack.ProbeTarget;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AirflowHealthProbeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void healthyWhenTheMetadataDatabaseAndTheSchedulerAre() throws Exception {
        ProbeResult result = AirflowHealthProbe.judge(JSON.readTree("""
                {"metadatabase":{"status":"healthy"},
                 "scheduler":{"status":"healthy","latest_scheduler_heartbeat":"2026-01-01T00:00:00+00:00"},
                 "triggerer":{"status":"healthy"},"dag_processor":{"status":null}}
                """));
        assertTrue(result.healthy(), result.detail());
        assertEquals("metadatabase and scheduler healthy, dag processor no heartbeat yet, triggerer healthy",
                result.detail());
    }

    @Test
    void notHealthyWhileTheSchedulerHasNoHeartbeat() throws Exception {
        ProbeResult result = AirflowHealthProbe.judge(JSON.readTree("""
                {"metadatabase":{"status":"healthy"},"scheduler":{"status":"unhealthy"}}
                """));
        assertFalse(result.healthy());
        assertEquals("Airflow not ready: scheduler unhealthy", result.detail());
        assertFalse(AirflowHealthProbe.judge(JSON.readTree("{}")).healthy(), "not Airflow's answer");
    }

    @Test
    void aClosedPortIsUnhealthyNotAnException() throws Exception {
        // bound but never listened on, and held while probed: closed for sure (a port found free and let go could
        // be taken by another program before the probe, which might even answer)
        try (Socket bound = new Socket()) {
            bound.bind(new InetSocketAddress("127.0.0.1", 0));
            ProbeResult result = new AirflowHealthProbe("AIRFLOW_PORT")
                    .probe(new ProbeTarget("127.0.0.1", Map.of("AIRFLOW_PORT", bound.getLocalPort()), Map.of()));
            assertFalse(result.healthy());
            assertTrue(result.detail().contains("/api/v2/monitor/health"), result.detail());
        }
    }
}
