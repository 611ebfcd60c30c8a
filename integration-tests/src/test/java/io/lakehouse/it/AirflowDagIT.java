package io.lakehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakehouse.runtime.process.PortInspector;
import io.lakehouse.seed.ShopDatabase;
import io.lakehouse.stack.ProbeTarget;
import io.lakehouse.stack.ServiceDefinition;
import io.lakehouse.shop.ShopFingerprint;
import io.lakehouse.shop.ShopSchema;
import io.lakehouse.shop.ShopTable;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Airflow on the local runtime and the DAG {@code lakehouse_daily} run for real, through the running service's REST
 * API (logged in with the generated admin password): an order line in MySQL gets three more units, change data
 * capture carries it to bronze, and one DAG run (silver, gold, marts, verify) must end with every task succeeded and
 * the marts' revenue grown by exactly those units' value. The change is then undone and a second run brings the
 * marts back to where they were. Last, {@code down airflow} must leave no process of its tree alive.
 */
@Order(8)
@StackServices({"airflow", "kafka-connect", "flink-taskmanager", "serving-store"})
@LocalStackTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AirflowDagIT {
    private static final String DAG = "lakehouse_daily";
    private static final List<String> TASKS = List.of("compact_bronze", "spark_silver", "spark_gold", "refresh_marts",
            "verify");
    private static final int ADDED_UNITS = 3;
    private static final Duration DAG_RUN_TIMEOUT = Duration.ofMinutes(20);
    private static final Duration CDC_TIMEOUT = Duration.ofMinutes(5);

    @BeforeAll
    static void seeded(LocalStack stack) {
        SeedState.ensureSeeded(stack);
    }

    @Test
    @Order(1)
    void theDagParsesWithItsFiveTasksInOrderAndOnlyTheGeneratedPasswordLogsIn(LocalStack stack) throws Exception {
        String base = base(stack);
        assertEquals(401, AirflowApi.loginStatus(base, "admin", "not-the-password"), "a wrong password is refused");
        AirflowApi api = login(stack);
        JsonNode dag = api.awaitDag(DAG);
        assertEquals("0 0 * * *", dag.path("timetable_summary").asText(), "daily at midnight: " + dag);
        JsonNode errors = api.get("/api/v2/importErrors").body();
        assertEquals(0, errors.path("total_entries").asInt(-1), "DAG import errors: " + errors);

        Map<String, JsonNode> tasks = new LinkedHashMap<>();
        api.get("/api/v2/dags/" + DAG + "/tasks").body().path("tasks")
                .forEach(task -> tasks.put(task.path("task_id").asText(), task));
        assertEquals(Set.copyOf(TASKS), tasks.keySet(), "the DAG's tasks");
        for (int i = 0; i < TASKS.size(); i++) {
            JsonNode task = tasks.get(TASKS.get(i));
            List<String> downstream = new ArrayList<>();
            task.path("downstream_task_ids").forEach(id -> downstream.add(id.asText()));
            assertEquals(i + 1 < TASKS.size() ? List.of(TASKS.get(i + 1)) : List.of(), downstream,
                    TASKS.get(i) + " runs before exactly the next step");
            assertEquals(2, task.path("retries").asInt(), TASKS.get(i) + " retries");
            assertEquals("BashOperator", task.path("operator_name").asText(), TASKS.get(i));
            assertTrue(task.path("execution_timeout").path("seconds").asInt() > 0, TASKS.get(i) + " has a timeout");
        }
    }

    @Test
    @Order(2)
    void aDagRunCarriesAnOrderChangeIntoTheMartsAndEveryTaskSucceeds(LocalStack stack) throws Exception {
        ProbeTarget target = new ProbeTarget(stack.endpoints().host(), stack.endpoints().ports(),
                stack.endpoints().secrets());
        AirflowApi api = login(stack);
        api.awaitDag(DAG);
        boolean wasPaused = api.get("/api/v2/dags/" + DAG).body().path("is_paused").asBoolean(true);
        OrderLine line;
        try (Connection mysql = ShopDatabase.connect(target)) {
            line = OrderLine.firstDelivered(mysql);
        }
        BigDecimal addedRevenue = line.unitPrice().multiply(BigDecimal.valueOf(ADDED_UNITS));
        MartTotals before = MartTotals.read(stack, line);
        System.out.printf("[airflow] order %d line %d: +%d units at %s = +%s revenue; marts before: %s%n",
                line.orderId(), line.lineNo(), ADDED_UNITS, line.unitPrice(), addedRevenue, before);
        try {
            try {
                try (Connection mysql = ShopDatabase.connect(target)) {
                    line.addUnits(mysql, ADDED_UNITS);
                }
                awaitBronzeEqualsMySql(target, stack);
                // unpausing runs today's interval at once (catchup off); with max_active_runs=1 a run triggered
                // beside it would only wait for it
                api.unpauseAndRun(DAG, "it_change_" + System.currentTimeMillis(), TASKS, DAG_RUN_TIMEOUT);

                MartTotals after = MartTotals.read(stack, line);
                assertEquals(before.revenue().add(addedRevenue), after.revenue(),
                        "marts.daily_sales revenue grew by exactly the added units' value");
                assertEquals(before.units() + ADDED_UNITS, after.units(), "marts.daily_sales units");
                assertEquals(before.cellRevenue().add(addedRevenue), after.cellRevenue(),
                        "the order's day, store and category in marts.daily_sales");
                assertEquals(before.customerRevenue().add(addedRevenue), after.customerRevenue(),
                        "the customer's revenue in marts.customer_lifetime_value");
            } finally {
                try (Connection mysql = ShopDatabase.connect(target)) {
                    line.restore(mysql);
                }
                awaitBronzeEqualsMySql(target, stack);
            }
            api.runToSuccess(DAG, "it_restore_" + System.currentTimeMillis(), TASKS, DAG_RUN_TIMEOUT);
            assertEquals(before, MartTotals.read(stack, line), "the second run brought the marts back");
        } finally {
            api.patch("/api/v2/dags/" + DAG, AirflowApi.object().put("is_paused", wasPaused));
        }
    }

    @Test
    @Order(3)
    void downLeavesNoProcessOfItsTree(LocalStack stack) throws Exception {
        ServiceDefinition airflow = stack.catalog().get("airflow");
        ProcessHandle root = stack.runtime().liveProcess(airflow).orElseThrow();
        Set<ProcessHandle> tree = new LinkedHashSet<>();
        tree.add(root);
        root.descendants().forEach(tree::add);
        tree.addAll(sessionMembers(root.pid()));
        // standalone, scheduler, DAG processor, triggerer, API server, at least
        assertTrue(tree.size() >= 5, "airflow's process tree: " + describe(tree));

        Cli.Run down = Cli.run(stack.layout().stateDir(), stack.portOverrides(), "down", "--runtime", "local",
                "airflow");
        assertEquals(0, down.exit(), down.out() + down.err());
        // how it stopped: gracefully, right after the DAG's runs. A stop that waits out the grace says "killed after
        // 30 s grace" and names what still ran (once, the task supervisors retrying their report to an API server
        // stopped at the same moment as they were; it now stops after them)
        String stopped = down.out().lines().filter(l -> l.contains("airflow") && l.contains("pid"))
                .reduce((first, last) -> last).orElse(down.out().strip());
        System.out.println("[airflow] " + stopped);
        assertFalse(stopped.contains("killed after"), "airflow's stop waited out its grace: " + stopped);

        List<ProcessHandle> alive = tree.stream().filter(ProcessHandle::isAlive).toList();
        assertTrue(alive.isEmpty(), "still alive after down: " + describe(alive));
        assertTrue(sessionMembers(root.pid()).isEmpty(), "processes left in airflow's session "
                + describe(sessionMembers(root.pid())));
        int port = stack.endpoints().port("AIRFLOW_PORT");
        assertFalse(PortInspector.isListening(port), "AIRFLOW_PORT " + port + " still listening");
    }

    private static AirflowApi login(LocalStack stack) throws IOException, InterruptedException {
        return AirflowApi.login(base(stack), "admin", stack.endpoints().secret("AIRFLOW_ADMIN_PASSWORD"));
    }

    private static String base(LocalStack stack) {
        return "http://" + stack.endpoints().host() + ":" + stack.endpoints().port("AIRFLOW_PORT");
    }

    // ------------------------------------------------------------------------------------------------- the data

    /** Until bronze.orders and bronze.order_items hold MySQL's rows, column for column (CDC has carried them). */
    private static void awaitBronzeEqualsMySql(ProbeTarget target, LocalStack stack) throws Exception {
        long began = System.nanoTime();
        long deadline = began + CDC_TIMEOUT.toNanos();
        List<String> behind = List.of();
        while (System.nanoTime() < deadline) {
            behind = new ArrayList<>();
            try (Connection mysql = ShopDatabase.connect(target); Statement source = mysql.createStatement();
                 Connection trino = stack.endpoints().trino(); Statement bronze = trino.createStatement()) {
                for (ShopTable table : List.of(ShopSchema.ORDERS, ShopSchema.ORDER_ITEMS)) {
                    ShopFingerprint want = ShopFingerprint.of(source, ShopFingerprint.mysqlQuery(table));
                    ShopFingerprint have = ShopFingerprint.of(bronze,
                            ShopFingerprint.trinoQuery(table, "lakehouse.bronze"));
                    if (!want.equals(have)) {
                        behind.add(table.name());
                    }
                }
            }
            if (behind.isEmpty()) {
                System.out.printf("[airflow] bronze equals MySQL after %.1f s%n", (System.nanoTime() - began) / 1e9);
                return;
            }
            Thread.sleep(2000);
        }
        fail("change data capture did not bring " + behind + " to bronze within " + CDC_TIMEOUT.toMinutes() + " min");
    }

    /** One order line, as it was before the test changed it. */
    private record OrderLine(long orderId, int lineNo, int quantity, BigDecimal unitPrice, BigDecimal total,
                             Timestamp updatedAt, long customerId) {

        /** The first line of the first delivered order: a sale the marts count. */
        static OrderLine firstDelivered(Connection mysql) throws SQLException {
            try (Statement sql = mysql.createStatement(); ResultSet row = sql.executeQuery(
                    "SELECT i.order_id, i.line_no, i.quantity, i.unit_price, o.total_amount, o.updated_at, "
                            + "o.customer_id FROM order_items i JOIN orders o ON o.order_id = i.order_id "
                            + "WHERE o.status = 'delivered' ORDER BY i.order_id, i.line_no LIMIT 1")) {
                assertTrue(row.next(), "no delivered order in shop.orders: has the stack been seeded?");
                return new OrderLine(row.getLong(1), row.getInt(2), row.getInt(3), row.getBigDecimal(4),
                        row.getBigDecimal(5), row.getTimestamp(6), row.getLong(7));
            }
        }

        /** The application sells more: the line's quantity, the order's total and its update time change. */
        void addUnits(Connection mysql, int units) throws SQLException {
            write(mysql, quantity + units, total.add(unitPrice.multiply(BigDecimal.valueOf(units))),
                    Timestamp.from(Instant.now()));
        }

        void restore(Connection mysql) throws SQLException {
            write(mysql, quantity, total, updatedAt);
        }

        private void write(Connection mysql, int newQuantity, BigDecimal newTotal, Timestamp newUpdatedAt)
                throws SQLException {
            boolean autoCommit = mysql.getAutoCommit();
            mysql.setAutoCommit(false);
            try (PreparedStatement item = mysql.prepareStatement(
                    "UPDATE order_items SET quantity = ? WHERE order_id = ? AND line_no = ?");
                 PreparedStatement order = mysql.prepareStatement(
                         "UPDATE orders SET total_amount = ?, updated_at = ? WHERE order_id = ?")) {
                item.setInt(1, newQuantity);
                item.setLong(2, orderId);
                item.setInt(3, lineNo);
                assertEquals(1, item.executeUpdate(), "order_items row " + orderId + "/" + lineNo);
                order.setBigDecimal(1, newTotal);
                order.setTimestamp(2, newUpdatedAt);
                order.setLong(3, orderId);
                assertEquals(1, order.executeUpdate(), "orders row " + orderId);
                mysql.commit();
            } finally {
                mysql.setAutoCommit(autoCommit);
            }
        }
    }

    /** What the marts say: all of daily_sales, the order line's cell of it, and its customer's lifetime value. */
    private record MartTotals(BigDecimal revenue, long units, BigDecimal cellRevenue, BigDecimal customerRevenue) {
        static MartTotals read(LocalStack stack, OrderLine line) throws SQLException {
            try (Connection trino = stack.endpoints().trino(); Statement sql = trino.createStatement()) {
                BigDecimal revenue;
                long units;
                try (ResultSet row = sql.executeQuery("SELECT sum(revenue), sum(units) FROM marts.daily_sales")) {
                    row.next();
                    revenue = row.getBigDecimal(1);
                    units = row.getLong(2);
                }
                BigDecimal cell;
                try (ResultSet row = sql.executeQuery("SELECT d.revenue FROM marts.daily_sales d "
                        + "JOIN gold.fact_sales f ON f.order_date = d.sales_date AND f.store_key = d.store_id "
                        + "JOIN gold.dim_product p ON p.product_key = f.product_key AND p.category = d.category "
                        + "WHERE f.order_id = " + line.orderId() + " AND f.line_no = " + line.lineNo())) {
                    assertTrue(row.next(), "marts.daily_sales has no row for order " + line.orderId());
                    cell = row.getBigDecimal(1);
                }
                BigDecimal customer;
                try (ResultSet row = sql.executeQuery("SELECT revenue FROM marts.customer_lifetime_value "
                        + "WHERE customer_id = " + line.customerId())) {
                    assertTrue(row.next(), "marts.customer_lifetime_value has no customer " + line.customerId());
                    customer = row.getBigDecimal(1);
                }
                return new MartTotals(revenue, units, cell, customer);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ processes

    /** Every process whose session is {@code session} (the service was started through setsid), from /proc. */
    private static Set<ProcessHandle> sessionMembers(long session) {
        Set<ProcessHandle> members = new LinkedHashSet<>();
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            all.filter(h -> sessionOf(h.pid()).orElse(-1L) == session).forEach(members::add);
        }
        return members;
    }

    private static Optional<Long> sessionOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return Optional.of(Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    private static String describe(java.util.Collection<ProcessHandle> processes) {
        return processes.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")
                .replaceAll("^(.{90}).*", "$1…")).toList().toString();
    }
}
