package io.lakehouse.serving;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.lakehouse.stack.health.CqlSessions;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The CQL serving store as the platform uses it: keyspace {@code serving} with the realtime aggregates the event
 * stream keeps (absolute totals, written as idempotent upserts, so a replay rewrites the same numbers). Works the
 * same on ScyllaDB and on its Cassandra stand-in. Used by bootstrap (schema) and by {@code verify} (reads).
 */
public final class ServingStore implements AutoCloseable {
    public static final String KEYSPACE = "serving";
    /** One node: SimpleStrategy, replication factor 1. */
    public static final String CREATE_KEYSPACE = "CREATE KEYSPACE IF NOT EXISTS " + KEYSPACE
            + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}";

    /** Views, add-to-carts and purchases per product, and when the product was last seen in an event. */
    public static final ServingTable PRODUCT_ACTIVITY = new ServingTable("product_activity", columns(
            "product_sku", "text", "views", "bigint", "add_to_carts", "bigint", "purchases", "bigint",
            "last_event_ts", "timestamp"), "product_sku");
    /** Events per customer, and the customer's last event and its type. */
    public static final ServingTable CUSTOMER_ACTIVITY = new ServingTable("customer_activity", columns(
            "customer_id", "bigint", "events", "bigint", "last_event_ts", "timestamp", "last_event_type", "text"),
            "customer_id");
    public static final List<ServingTable> TABLES = List.of(PRODUCT_ACTIVITY, CUSTOMER_ACTIVITY);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** DDL waits for schema agreement, which takes a few seconds on a busy machine. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final CqlSession session;

    private ServingStore(CqlSession session) {
        this.session = requireNonNull(session, "session");
    }

    /** Connects to the serving store at {@code host:port} (CQL native protocol). */
    public static ServingStore connect(String host, int port) {
        return new ServingStore(CqlSessions.open(host, port, CONNECT_TIMEOUT, REQUEST_TIMEOUT, false));
    }

    /** The driver session, for reads and writes beyond the schema (the seed pipeline's checks, tests). */
    public CqlSession session() {
        return session;
    }

    public boolean keyspaceExists() {
        return session.execute(SimpleStatement.newInstance(
                "SELECT keyspace_name FROM system_schema.keyspaces WHERE keyspace_name = ?", KEYSPACE)).one() != null;
    }

    /** The columns of a table of the keyspace (name to CQL type) as the server has them; empty when it is absent. */
    public Map<String, String> columnsOf(String table) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (Row row : session.execute(SimpleStatement.newInstance(
                "SELECT column_name, type FROM system_schema.columns WHERE keyspace_name = ? AND table_name = ?",
                KEYSPACE, table))) {
            columns.put(row.getString("column_name"), row.getString("type"));
        }
        return columns;
    }

    public void createKeyspace() {
        session.execute(CREATE_KEYSPACE);
    }

    public void createTable(ServingTable table) {
        session.execute(table.createStatement());
    }

    /** Rows in a table of the keyspace; a full scan, meant for the small aggregate tables. */
    public long count(ServingTable table) {
        Row row = session.execute("SELECT count(*) FROM " + table.qualifiedName()).one();
        return row == null ? 0 : row.getLong(0);
    }

    @Override
    public void close() {
        session.close();
    }

    private static Map<String, String> columns(String... nameTypePairs) {
        Map<String, String> columns = new LinkedHashMap<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            columns.put(nameTypePairs[i], nameTypePairs[i + 1]);
        }
        return columns;
    }
}
