package io.lakehouse.it;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.lakehouse.runtime.GeneratedValues;
import io.lakehouse.stack.GeneratedValue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code lakehouse seed} and {@code lakehouse verify} on the local stack, for real, twice. The expected numbers are
 * the documented ones (sample-data/README.md), never the pipeline's own output: seeding twice must leave exactly
 * them, CDC must carry the application's updates and deletes, and verify must agree — and catch a planted mismatch.
 *
 * <p>After {@link ChaosIT} (the class before it), the first seed is no {@code --reset}: chaos's every round starts
 * with one and ends with a seed that verify agreed with, so the stack holds the documented data already, and this
 * class asserts the documented numbers on what a reset seed interrupted by a fault and resumed left (one whole seed
 * less in CI: 100-150 s). Alone, or after a class that added rows of its own ({@link SeedState}), it starts from
 * scratch as before.
 */
@Order(4)
@LocalStackTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SeedIT {
    /** sample-data/README.md, "Expected counts at scale 1" and "Application changes". */
    private static final Map<String, Long> LANDED = Map.of("customers", 1000L, "stores", 20L, "products", 300L);
    private static final Map<String, Long> QUARANTINED_BY_REASON = new TreeMap<>(Map.of(
            "customers.csv wrong_column_count", 3L, "customers.csv bad_date", 3L, "customers.csv bad_number", 2L,
            "customers.csv missing_required", 2L, "stores.csv bad_number", 1L, "products.xml malformed_element", 1L,
            "products.xml bad_number", 1L, "products.xml missing_required", 1L));
    private static final Map<String, Long> MYSQL_ROWS = new LinkedHashMap<>(Map.of(
            "orders", 2000L, "order_items", 5011L, "payments", 1615L, "shipments", 1475L));

    @Test
    @Order(1)   // first: its seeds are the seed the other tests read (SeedState)
    void seedTwiceLandsTheDocumentedRecordsOnceAndQuarantinesTheBadOnesWithTheirReasons(LocalStack stack)
            throws Exception {
        // the first run starts from scratch (other tests share the stack's MySQL and topics) unless this JVM's last
        // seed or chaos left the documented data (SeedState: nothing spoiled it since); the second resumes
        boolean seeded = SeedState.seeded(stack);
        for (int run = 1; run <= 2; run++) {
            Cli.Run seed = run == 1 && !seeded
                    ? Cli.run(stack.layout().stateDir(), stack.portOverrides(), "seed", "--reset")
                    : Cli.run(stack.layout().stateDir(), stack.portOverrides(), "seed");
            System.out.println("[seed] run " + run + (run == 1 && !seeded ? ", seed --reset: " : ", seed: ")
                    + seed.out().lines().filter(l -> l.startsWith("Seeded")).findFirst().orElse("exit " + seed.exit()));
            assertEquals(0, seed.exit(), "seed run " + run + ":\n" + seed.out() + seed.err());
            assertTrue(seed.out().contains("Seeded scale 1"), seed.out());

            try (Connection trino = stack.endpoints().trino(); Statement sql = trino.createStatement()) {
                for (Map.Entry<String, Long> table : LANDED.entrySet()) {
                    assertEquals(table.getValue(), count(sql, "SELECT count(*) FROM lakehouse.bronze." + table.getKey()),
                            "bronze." + table.getKey() + " after seed run " + run);
                }
                Map<String, Long> quarantined = new TreeMap<>();
                try (ResultSet rs = sql.executeQuery("SELECT regexp_extract(source_file, '[^/]+$'), "
                        + "split_part(reason, ':', 1), count(*) FROM lakehouse.bronze.quarantine GROUP BY 1, 2")) {
                    while (rs.next()) {
                        quarantined.put(rs.getString(1) + " " + rs.getString(2), rs.getLong(3));
                    }
                }
                assertEquals(QUARANTINED_BY_REASON, quarantined, "quarantine after seed run " + run);
                assertEquals(0, count(sql, "SELECT count(*) FROM lakehouse.bronze.quarantine "
                        + "WHERE raw IS NULL OR raw = '' OR location IS NULL"), "every quarantined record keeps its text");
            }
            try (Connection mysql = java.sql.DriverManager.getConnection(stack.endpoints().mysqlUrl("shop"),
                    "lakehouse", stack.endpoints().secret("MYSQL_PASSWORD")); Statement sql = mysql.createStatement()) {
                for (Map.Entry<String, Long> table : MYSQL_ROWS.entrySet()) {
                    assertEquals(table.getValue(), count(sql, "SELECT count(*) FROM " + table.getKey()),
                            "MySQL shop." + table.getKey() + " after seed run " + run);
                }
                assertEquals(100, count(sql, "SELECT count(*) FROM orders WHERE order_id % 20 = 0 "
                        + "AND status = 'cancelled'"), "the application's cancellations");
            }
            assertEquals(20_000, io.lakehouse.seed.stages.EventsStage.committedRecords(
                    stack.endpoints().kafkaBootstrap()), "events in shop.events after seed run " + run);
            try (Connection trino = stack.endpoints().trino(); Statement sql = trino.createStatement()) {
                assertEquals(20_000, count(sql, "SELECT count(DISTINCT event_id) FROM lakehouse.bronze.events"));
                assertEquals(1615, count(sql, "SELECT count(*) FROM lakehouse.bronze.payments"),
                        "the refunded payments' deletes arrived through CDC");
                assertEquals(0, count(sql, "SELECT count(*) FROM lakehouse.bronze.payments WHERE order_id % 20 = 0"));
                assertEquals(100, count(sql, "SELECT count(*) FROM lakehouse.bronze.orders WHERE order_id % 20 = 0 "
                        + "AND status = 'cancelled' AND updated_at = TIMESTAMP '2026-01-01 00:00:00'"),
                        "the cancellations' updates arrived through CDC");
            }
            Cli.Run verify = Cli.run(stack.layout().stateDir(), stack.portOverrides(), "verify");
            assertEquals(0, verify.exit(), "verify after seed run " + run + ":\n" + verify.out() + verify.err());
            assertTrue(verify.out().contains("All 26 checks agree."), verify.out());
        }
    }

    @Test
    void verifyNamesAPlantedMismatchAndExitsNonZero(LocalStack stack) throws Exception {
        SeedState.ensureSeeded(stack);   // after the first test's seeds, nothing to do; alone, a seed
        try (Connection trino = stack.endpoints().trino(); Statement sql = trino.createStatement()) {
            sql.execute("INSERT INTO lakehouse.bronze.quarantine (source, source_file, location, raw, reason) "
                    + "VALUES ('stores', 'sample-data/csv/stores.csv', 'line 999', 'planted', 'planted: by SeedIT')");
            try {
                Cli.Run verify = Cli.run(stack.layout().stateDir(), stack.portOverrides(), "verify");
                assertEquals(1, verify.exit(), verify.out() + verify.err());
                assertTrue(verify.out().contains("checks do not agree: files csv/stores.csv: in = landed + quarantined, "
                        + "files csv/stores.csv: quarantined"), verify.out());
            } finally {
                sql.execute("DELETE FROM lakehouse.bronze.quarantine WHERE raw = 'planted'");
            }
            Cli.Run verify = Cli.run(stack.layout().stateDir(), stack.portOverrides(), "verify");
            assertEquals(0, verify.exit(), verify.out() + verify.err());
        }
    }

    /**
     * Every table the engines' catalogs created (the loader's, Flink's and Spark's, in bronze, silver and gold) says
     * in its own metadata that it commits without the metastore's lock (docs/lock-free-commits.md), so whichever
     * engine writes it next commits the same way; the seed's commits went through that path.
     */
    @Test
    void everyTableCommitsWithoutTheMetastoreLock(LocalStack stack) throws Exception {
        SeedState.ensureSeeded(stack);   // after the first test's seeds, nothing to do; alone, a seed
        Map<String, String> locking = new TreeMap<>();
        try (Connection trino = stack.endpoints().trino(); Statement sql = trino.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = sql.executeQuery("SELECT table_schema || '.' || table_name FROM lakehouse"
                    + ".information_schema.tables WHERE table_schema IN ('bronze', 'silver', 'gold')")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                String[] parts = table.split("\\.");
                try (ResultSet rs = sql.executeQuery("SELECT value FROM lakehouse." + parts[0] + ".\"" + parts[1]
                        + "$properties\" WHERE key = 'engine.hive.lock-enabled'")) {
                    locking.put(table, rs.next() ? rs.getString(1) : "(not set)");
                }
            }
        }
        assertTrue(locking.size() >= 20, "bronze, silver and gold tables: " + locking.keySet());
        Map<String, String> locked = new TreeMap<>(locking);
        locked.values().removeIf("false"::equals);
        assertEquals(Map.of(), locked, "tables that still commit with the metastore's lock");
    }

    /**
     * After {@code up} and {@code seed}, every TCP port that a process of the stack listens on (each service's
     * process and all it started: Airflow's scheduler and triggerer, Spark's executors, the Flink jobs' tasks) is
     * bound to the loopback address; each service's own port among them.
     */
    @Test
    @Order(Integer.MAX_VALUE)   // last, after the seeds of the first test; alone it seeds
    void everyPortTheStackListensOnIsOnTheLoopbackAddress(LocalStack stack) throws Exception {
        SeedState.ensureSeeded(stack);   // after the first test's seeds, nothing to do; alone, a seed
        List<Listeners.Listener> listeners = Listeners.of(stackProcesses(stack));
        Set<Integer> ports = listeners.stream().map(Listeners.Listener::port).collect(Collectors.toSet());
        stack.catalog().all().forEach(service -> service.ports().forEach(port -> {
            int expected = Integer.parseInt(stack.portOverrides().get(port.overrideVariable()));
            assertTrue(ports.contains(expected), service.name() + "'s " + port.purpose() + " port " + expected
                    + " is not among the stack's listeners: " + listeners);
        }));
        assertEquals(List.of(), listeners.stream().filter(listener -> !listener.loopback()).toList(),
                "listeners on an address other than 127.0.0.1 (all " + listeners.size() + ": " + listeners + ")");
    }

    /**
     * The secrets audit after {@code up} and {@code seed}: no generated password appears in any log of the stack or in
     * the command line of any of its processes (and their children); the secrets file is owner-only, each log
     * rw-r----- or tighter in a folder no other user can enter.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void noGeneratedSecretIsInALogOrACommandLineAndTheirFilesAreClosed(LocalStack stack) throws Exception {
        SeedState.ensureSeeded(stack);   // after the first test's seeds, nothing to do; alone, a seed
        Map<String, String> secrets = new TreeMap<>();
        stack.catalog().all().forEach(service -> service.generatedValues().stream()
                .filter(value -> value.kind() == GeneratedValue.Kind.PASSWORD)
                .forEach(value -> secrets.put(value.variable(), GeneratedValues
                        .load(stack.layout().secretsFile()).get(value.variable()))));
        assertTrue(secrets.size() >= 10 && secrets.values().stream().allMatch(v -> v != null && v.length() >= 16),
                "the generated passwords: " + secrets.keySet());
        List<String> found = new ArrayList<>();
        try (Stream<Path> logs = Files.walk(stack.layout().logsDir())) {
            for (Path log : logs.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(log, StandardCharsets.ISO_8859_1);
                secrets.forEach((name, value) -> {
                    if (text.contains(value)) {
                        found.add(name + " in " + log);
                    }
                });
                String mode = PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(log));
                assertTrue(mode.charAt(4) == '-' && mode.charAt(5) == '-' && mode.endsWith("---"),
                        log + " is " + mode + ": a log is rw-r----- or tighter");
            }
        }
        for (ProcessHandle process : stackProcesses(stack)) {
            Path cmdline = Path.of("/proc", Long.toString(process.pid()), "cmdline");
            if (!Files.isReadable(cmdline)) {
                continue;
            }
            String line = new String(Files.readAllBytes(cmdline),
                    StandardCharsets.ISO_8859_1);
            secrets.forEach((name, value) -> {
                if (line.contains(value)) {
                    found.add(name + " on the command line of pid " + process.pid() + " ("
                            + process.info().command().orElse("?") + ")");
                }
            });
        }
        assertEquals(List.of(), found, "generated secrets where every user of the machine can read them");
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(stack.layout().secretsFile())), "the secrets file");
        String logsDir = PosixFilePermissions.toString(
                Files.getPosixFilePermissions(stack.layout().logsDir()));
        assertTrue(logsDir.endsWith("---"), "the logs folder is " + logsDir + ": other users must not enter it");
    }

    private static List<ProcessHandle> stackProcesses(LocalStack stack) {
        List<ProcessHandle> processes = new ArrayList<>();
        stack.catalog().all().forEach(service -> stack.runtime().liveProcess(service).ifPresent(process -> {
            processes.add(process);
            process.descendants().forEach(processes::add);
        }));
        return processes;
    }

    private static long count(Statement sql, String query) throws Exception {
        try (ResultSet rs = sql.executeQuery(query)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }
}
