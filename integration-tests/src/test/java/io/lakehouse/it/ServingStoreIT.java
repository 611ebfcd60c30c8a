package io.lakehouse.it;

import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehouse.runtime.process.PortInspector;
import io.lakehouse.serving.ServingStore;
import io.lakehouse.serving.ServingTable;
import io.lakehouse.stack.ServiceDefinition;
import io.lakehouse.stack.VendorImage;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CQL serving store on the local runtime, which runs Apache Cassandra as ScyllaDB's stand-in: healthy and said
 * to be a stand-in, bootstrap creates keyspace {@code serving} and its tables and changes nothing the second time,
 * a row written through the driver reads back (and an upsert of the same key replaces it), {@code down} leaves no
 * process and no port. Needs only the serving store. It drops the keyspace {@code serving} and says so
 * ({@link SeedState#spoiled}): a class after it that reads seeded data seeds again with {@code --reset}, which
 * rebuilds the serving totals {@code verify} (and the Airflow DAG's verify task) compares with Trino's. It runs
 * early (order 2), before the seed tests, so that in the usual order nothing needs that second seed.
 */
@Order(2)
@StackServices("serving-store")
@LocalStackTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServingStoreIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SKU = "IT-SKU-ROUND-TRIP";

    @Test
    @Order(1)
    void statusSaysHealthyAndNamesTheStandIn(LocalStack stack) throws Exception {
        Cli.Run status = cli(stack, "status", "--json", "serving-store");
        assertEquals(0, status.exit(), status.out() + status.err());
        JsonNode service = JSON.readTree(status.out()).get(0);
        assertEquals("healthy", service.get("state").asText(), service.toString());
        assertTrue(service.get("detail").asText().startsWith("CQL 5.0"), service.toString());
        VendorImage scylla = definition(stack).vendorImage().orElseThrow();
        JsonNode standIn = service.get("standIn");
        assertNotNull(standIn, "status --json names the stand-in: " + service);
        assertEquals("Apache Cassandra", standIn.get("product").asText());
        assertEquals(definition(stack).version(), standIn.get("version").asText());
        assertEquals(scylla.describe(), standIn.get("standsInFor").asText());

        Cli.Run text = cli(stack, "status", "serving-store");
        assertTrue(text.out().lines().anyMatch(l -> l.contains("serving-store") && l.contains("healthy")
                && l.contains("Apache Cassandra " + definition(stack).version() + " — stand-in for "
                + scylla.describe())), text.out());
    }

    @Test
    @Order(2)
    void bootstrapCreatesTheKeyspaceAndTablesAsDeclared(LocalStack stack) {
        StackEndpoints endpoints = stack.endpoints();
        try (ServingStore store = store(endpoints)) {
            // from scratch, whatever an earlier run left in this state directory
            store.session().execute("DROP KEYSPACE IF EXISTS " + ServingStore.KEYSPACE);
            SeedState.spoiled(stack.layout().stateDir(), "ServingStoreIT dropped keyspace serving, the served totals");
            assertFalse(store.keyspaceExists());
        }
        Cli.Run bootstrap = cli(stack, "bootstrap");
        assertEquals(0, bootstrap.exit(), bootstrap.out() + bootstrap.err());
        assertTrue(bootstrap.out().lines().anyMatch(l -> l.matches("serving store +keyspace serving +created.*")),
                bootstrap.out());
        for (ServingTable table : ServingStore.TABLES) {
            assertTrue(bootstrap.out().lines().anyMatch(l -> l.matches(
                    "serving store +table " + table.qualifiedName() + " +created.*")), bootstrap.out());
        }
        try (ServingStore store = store(endpoints)) {
            assertTrue(store.keyspaceExists());
            Row replication = store.session().execute(SimpleStatement.newInstance(
                    "SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = ?",
                    ServingStore.KEYSPACE)).one();
            assertNotNull(replication);
            assertTrue(replication.getMap("replication", String.class, String.class).get("class")
                    .endsWith("SimpleStrategy"));
            // the contract's columns (docs: contracts), in the server's own words, sorted by name
            assertEquals("add_to_carts bigint, last_event_ts timestamp, product_sku text, purchases bigint, "
                    + "views bigint", describe(store.columnsOf("product_activity")));
            assertEquals("customer_id bigint, events bigint, last_event_ts timestamp, last_event_type text",
                    describe(store.columnsOf("customer_activity")));
            assertEquals("product_sku", partitionKey(store, "product_activity"));
            assertEquals("customer_id", partitionKey(store, "customer_activity"));
        }
    }

    @Test
    @Order(3)
    void aRowWrittenThroughTheDriverReadsBackAndAnUpsertReplacesIt(LocalStack stack) {
        Instant seen = Instant.parse("2025-11-01T12:34:56.789Z");
        try (ServingStore store = store(stack.endpoints())) {
            String upsert = "INSERT INTO serving.product_activity (product_sku, views, add_to_carts, purchases, "
                    + "last_event_ts) VALUES (?, ?, ?, ?, ?)";
            store.session().execute(SimpleStatement.newInstance(upsert, SKU, 7L, 3L, 1L, seen));
            Row row = readBack(store);
            assertEquals(7L, row.getLong("views"));
            assertEquals(3L, row.getLong("add_to_carts"));
            assertEquals(1L, row.getLong("purchases"));
            assertEquals(seen, row.getInstant("last_event_ts"));

            // absolute totals: writing the same key again replaces the row, as a replay after a restart does
            store.session().execute(SimpleStatement.newInstance(upsert, SKU, 9L, 3L, 2L, seen.plusSeconds(60)));
            row = readBack(store);
            assertEquals(9L, row.getLong("views"));
            assertEquals(2L, row.getLong("purchases"));
            assertEquals(seen.plusSeconds(60), row.getInstant("last_event_ts"));
            assertEquals(1, store.session().execute(SimpleStatement.newInstance(
                    "SELECT count(*) FROM serving.product_activity WHERE product_sku = ?", SKU)).one().getLong(0));

            store.session().execute(SimpleStatement.newInstance(
                    "DELETE FROM serving.product_activity WHERE product_sku = ?", SKU));
        }
    }

    @Test
    @Order(4)
    void bootstrapTwiceChangesNothing(LocalStack stack) {
        Cli.Run again = cli(stack, "bootstrap");
        assertEquals(0, again.exit(), again.out() + again.err());
        List<String> servingLines = again.out().lines().filter(l -> l.startsWith("serving store")).toList();
        assertEquals(1 + ServingStore.TABLES.size(), servingLines.size(), again.out());
        servingLines.forEach(l -> assertTrue(l.matches("serving store +\\S+ \\S+ +present.*"), l));
        assertTrue(again.out().contains("everything was already there; nothing changed"), again.out());
    }

    @Test
    @Order(5)
    void downLeavesNoProcessAndNoPort(LocalStack stack) throws Exception {
        ServiceDefinition service = definition(stack);
        long pid = stack.runtime().liveProcess(service).orElseThrow().pid();
        Cli.Run down = cli(stack, "down", "--runtime", "local", "serving-store");
        assertEquals(0, down.exit(), down.out() + down.err());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " still alive");
        String confDir = stack.layout().confDir(service) + "/";
        try (var processes = ProcessHandle.allProcesses()) {
            assertTrue(processes.noneMatch(p -> p.info().commandLine().map(c -> c.contains(confDir)).orElse(false)),
                    "a process still runs from " + confDir);
        }
        for (var port : service.ports()) {
            int number = stack.endpoints().port(port.variable());
            assertFalse(PortInspector.isListening(number), port.variable() + " " + number + " still listening");
        }
        Cli.Run status = cli(stack, "status", "--json", "serving-store");
        assertEquals(5, status.exit());
        assertEquals("stopped", JSON.readTree(status.out()).get(0).get("state").asText());
    }

    private static Row readBack(ServingStore store) {
        Row row = store.session().execute(SimpleStatement.newInstance(
                "SELECT views, add_to_carts, purchases, last_event_ts FROM serving.product_activity "
                        + "WHERE product_sku = ?", SKU)).one();
        assertNotNull(row, "the row written is read back");
        return row;
    }

    private static String describe(java.util.Map<String, String> columns) {
        return String.join(", ", new java.util.TreeMap<>(columns).entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).toList());
    }

    private static String partitionKey(ServingStore store, String table) {
        List<String> keys = new java.util.ArrayList<>();
        store.session().execute(SimpleStatement.newInstance("SELECT column_name, kind FROM system_schema.columns "
                + "WHERE keyspace_name = ? AND table_name = ?", ServingStore.KEYSPACE, table)).forEach(row -> {
                    if ("partition_key".equals(row.getString("kind"))) {
                        keys.add(row.getString("column_name"));
                    }
                });
        return String.join(",", keys);
    }

    private static ServingStore store(StackEndpoints endpoints) {
        return ServingStore.connect(endpoints.host(), endpoints.port("SERVING_STORE_PORT"));
    }

    private static ServiceDefinition definition(LocalStack stack) {
        return stack.catalog().get("serving-store");
    }

    private static Cli.Run cli(LocalStack stack, String... args) {
        return Cli.run(stack.layout().stateDir(), stack.portOverrides(), args);
    }
}
