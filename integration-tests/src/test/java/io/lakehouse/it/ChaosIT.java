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
 * the first error the interrupted seed printed must name the service that died, within 30 s of the fault. (The
 * Flink TaskManager, which this class's predecessor killed, is in chaos's default list; see the README for a full
 * run's figures.)
 */
@Order(4)
@LocalStackTest
class ChaosIT {
    private static final List<String> FAULTS = List.of("kill:hive-metastore", "kill:kafka", "kill:kafka-connect");

    @Test
    void eachKilledServiceIsNamedAndTheStackRecoversWithNothingLostOrDuplicated(LocalStack stack) throws Exception {
        Cli.Run chaos = Cli.run(stack.layout().stateDir(), stack.portOverrides(), "chaos", "--faults",
                String.join(",", FAULTS), "--yes", "--json");
        JsonNode results = new ObjectMapper().readTree(chaos.out());
        List<String> faults = new ArrayList<>();
        results.forEach(result -> faults.add(result.path("fault").asText()));
        assertEquals(FAULTS, faults, chaos.out() + chaos.err());
        for (JsonNode result : results) {
            String what = result.path("fault").asText() + ": " + result + "\n" + chaos.err();
            assertEquals(0, result.path("lost").asLong(), what);
            assertEquals(0, result.path("duplicated").asLong(), what);
            assertTrue(result.path("recovered").asBoolean(), what);
            String firstError = result.path("first_error").asText();
            assertTrue(firstError.contains(result.path("service").asText()), "the first error names "
                    + "a bystander: " + what);
            assertTrue(result.path("error_after_s").asDouble() <= 30, "named later than 30 s after the fault: " + what);
        }
        assertEquals(0, chaos.exit(), chaos.out() + chaos.err());
    }
}
