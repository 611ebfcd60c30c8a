package io.lakehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code lakehouse chaos}, one short round on the local stack, as the issue asks of CI: the metastore, Kafka and
 * Kafka Connect each killed (SIGKILL) during {@code seed --reset}, in the stage that works with them; then
 * {@code up}, {@code seed}, and verify's reconciliation. Each must recover with nothing lost and nothing twice, and
 * the first error the interrupted seed printed must name the service that died, within 30 s of the fault. Kafka
 * Connect's kill is the first half of the purged binlog fault (SIGKILL to its worker in the same stage, then MySQL's
 * binlog purged), so it is asserted there, as the kills here are, rather than in a round of its own (a whole
 * {@code seed --reset} and recovery, 80-160 s of CI, for a strict subset of that round). The purged binlog position:
 * seed takes a new snapshot, and change data capture runs again. (The Flink TaskManager, which this class's
 * predecessor killed, is in chaos's default list; see the README for a full run's figures.)
 */
@Order(3)   // before SeedIT, which then finds the documented data a chaos round's last seed left (no reset again)
@LocalStackTest
class ChaosIT {
    private static final List<String> FAULTS = List.of("kill:hive-metastore", "kill:kafka");

    @Test
    void eachKilledServiceIsNamedAndTheStackRecoversWithNothingLostOrDuplicated(LocalStack stack) throws Exception {
        Cli.Run chaos = Cli.run(stack.layout().stateDir(), stack.portOverrides(), "chaos", "--faults",
                String.join(",", FAULTS), "--yes", "--json");
        JsonNode results = new ObjectMapper().readTree(chaos.out());
        List<String> faults = new ArrayList<>();
        results.forEach(result -> faults.add(result.path("fault").asText()));
        assertEquals(FAULTS, faults, chaos.out() + chaos.err());
        for (JsonNode result : results) {
            System.out.println("[chaos] " + result);
            assertRecoveredAndNamed(result, chaos);
        }
        assertEquals(0, chaos.exit(), chaos.out() + chaos.err());
    }

    /** Nothing lost or twice, recovered, and the interrupted seed's first error names the dead service in time. */
    private static void assertRecoveredAndNamed(JsonNode result, Cli.Run chaos) {
        String what = result.path("fault").asText() + ": " + result + "\n" + chaos.err();
        assertEquals(0, result.path("lost").asLong(), what);
        assertEquals(0, result.path("duplicated").asLong(), what);
        assertTrue(result.path("recovered").asBoolean(), what);
        String firstError = result.path("first_error").asText();
        assertTrue(firstError.contains(result.path("service").asText()), "the first error names "
                + "a bystander: " + what);
        assertTrue(result.path("error_after_s").asDouble() <= 30, "named later than 30 s after the fault: " + what);
    }

    /**
     * Kafka Connect's worker killed (SIGKILL) in 'bronze catch-up', and the CDC connector's binlog position purged
     * from MySQL while it was dead (two unread changes in the
     * purged file): the seed after {@code up} takes a new snapshot of the shop into bronze, verify agrees, and the
     * connector runs again (without the snapshot its task stays FAILED with MySQL error 1236).
     */
    @Test
    void aPurgedBinlogPositionIsSnapshottedAgainAndChangeDataCaptureRunsAgain(LocalStack stack) throws Exception {
        Cli.Run chaos = Cli.run(stack.layout().stateDir(), stack.portOverrides(), "chaos", "--faults",
                "purge-binlog:kafka-connect", "--yes", "--json");
        JsonNode result = new ObjectMapper().readTree(chaos.out()).path(0);
        System.out.println("[chaos] " + result);
        String what = result + "\n" + chaos.err();
        assertEquals("purge-binlog:kafka-connect", result.path("fault").asText(), what);
        // the worker's SIGKILL in 'bronze catch-up': named, as the kills above
        assertEquals("bronze catch-up", result.path("stage").asText(), what);
        assertRecoveredAndNamed(result, chaos);
        assertEquals(0, chaos.exit(), what);

        java.net.URI status = java.net.URI.create("http://" + stack.endpoints().host() + ":"
                + stack.endpoints().port("CONNECT_PORT") + "/connectors/shop-cdc/status");
        String body = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(status)
                .GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        JsonNode connector = new ObjectMapper().readTree(body);
        assertEquals("RUNNING", connector.path("connector").path("state").asText(), body);
        assertEquals("RUNNING", connector.path("tasks").path(0).path("state").asText(), body);
    }
}
