package io.lakehouse.cli;

import io.lakehouse.cli.render.StatusView;
import com.fasterxml.jackson.databind.JsonNode;
import io.lakehouse.runtime.RuntimeKind;
import io.lakehouse.runtime.ServiceState;
import io.lakehouse.runtime.ServiceStatus;
import io.lakehouse.stack.ServiceCatalog;
import io.lakehouse.stack.ServiceDefinition;
import io.lakehouse.stack.StandIn;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A stand-in is said plainly: in status' text (and so up's summary) and JSON; nothing is said without one. */
class StandInDisplayTest {
    private static final StandIn CASSANDRA = new StandIn("Apache Cassandra", "5.0.9", "ScyllaDB 6.2.3",
            "no ScyllaDB server in Debian's or Maven Central's registries");

    @Test
    void textNamesWhatRunsInsteadOfWhatAndWhy() {
        String text = StatusView.render(List.of(status("kafka", Optional.empty()),
                status("serving-store", Optional.of(CASSANDRA))));
        List<String> lines = text.lines().toList();
        int heading = lines.indexOf("Stand-ins (what runs here instead of the reference product):");
        assertTrue(heading > 0, text);
        assertEquals(List.of("  serving-store  healthy  Apache Cassandra 5.0.9 — stand-in for ScyllaDB 6.2.3 "
                + "(no ScyllaDB server in Debian's or Maven Central's registries)"), lines.subList(heading + 1,
                lines.size()), text);
    }

    @Test
    void withoutStandInsOnlyTheTableIsShown() {
        String text = StatusView.render(List.of(status("kafka", Optional.empty())));
        assertEquals(StatusView.table(List.of(status("kafka", Optional.empty()))), text);
        assertFalse(text.contains("stand-in"), text);
    }

    @Test
    void jsonCarriesTheStandInAsFieldsAndOneSummary() {
        JsonNode services = StatusView.toJson(List.of(status("kafka", Optional.empty()),
                status("serving-store", Optional.of(CASSANDRA))));
        assertFalse(services.get(0).has("standIn"));
        JsonNode standIn = services.get(1).get("standIn");
        assertEquals("Apache Cassandra", standIn.get("product").asText());
        assertEquals("5.0.9", standIn.get("version").asText());
        assertEquals("ScyllaDB 6.2.3", standIn.get("standsInFor").asText());
        assertEquals(CASSANDRA.describe(), standIn.get("summary").asText());
    }

    @Test
    void theServingStoreIsDeclaredWithScyllaDbsImageAndCassandraAsItsStandIn() {
        ServiceDefinition store = ServiceCatalog.standard().get("serving-store");
        assertEquals("scylladb/scylla", store.vendorImage().orElseThrow().repository());
        StandIn standIn = store.localStandIn().orElseThrow();
        assertEquals("Apache Cassandra", standIn.product());
        assertEquals(store.version(), standIn.version(), "the project runs (and versions) the stand-in");
        assertEquals(store.vendorImage().get().describe(), standIn.standsInFor());
        assertEquals("SERVING_STORE_PORT", store.primaryPort().variable());
        assertEquals(9042, store.primaryPort().defaultPort());
    }

    private static ServiceStatus status(String service, Optional<StandIn> standIn) {
        return new ServiceStatus(service, "1.0", RuntimeKind.LOCAL, ServiceState.HEALTHY, Optional.of(42L),
                Optional.empty(), Map.of("PORT", 1), "/logs/" + service + ".log", "ok", Optional.empty(), standIn);
    }
}
