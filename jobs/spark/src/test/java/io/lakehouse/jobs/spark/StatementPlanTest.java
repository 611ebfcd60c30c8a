package io.lakehouse.jobs.spark;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatementPlanTest {
    private static List<SqlStatement> shipped() throws Exception {
        Path sql = Path.of(System.getProperty("user.dir")).resolve("sql");
        List<SqlStatement> statements = new ArrayList<>();
        for (String file : List.of("silver.sql", "gold.sql")) {
            statements.addAll(SqlScript.statements(file, Files.readString(sql.resolve(file))));
        }
        return statements;
    }

    private static StatementPlan.Step step(StatementPlan plan, String file, String label) {
        return plan.steps().stream()
                .filter(s -> s.statement().file().equals(file) && s.statement().text().startsWith(label))
                .findFirst().orElseThrow(() -> new AssertionError("no statement " + label + " in " + file));
    }

    /** Whether {@code later} runs after {@code earlier}, directly or through other steps. */
    private static boolean runsAfter(StatementPlan plan, StatementPlan.Step later, StatementPlan.Step earlier) {
        for (int before : later.after()) {
            if (before == earlier.index() || runsAfter(plan, plan.steps().get(before), earlier)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void eachShippedMergeRunsAfterItsViewItsTableAndTheMergesOfWhatItReads() throws Exception {
        StatementPlan plan = StatementPlan.of(shipped(), "lakehouse");
        StatementPlan.Step orders = step(plan, "silver.sql", "MERGE INTO lakehouse.silver.orders");
        assertTrue(runsAfter(plan, orders, step(plan, "silver.sql", "CREATE OR REPLACE TEMPORARY VIEW orders_src")));
        assertTrue(runsAfter(plan, orders, step(plan, "silver.sql",
                "CREATE TABLE IF NOT EXISTS lakehouse.silver.orders")));
        StatementPlan.Step factSales = step(plan, "gold.sql", "MERGE INTO lakehouse.gold.fact_sales");
        for (String silver : List.of("orders", "order_items")) {
            assertTrue(runsAfter(plan, factSales, step(plan, "silver.sql", "MERGE INTO lakehouse.silver." + silver)),
                    "gold.fact_sales reads silver." + silver);
        }
        assertTrue(runsAfter(plan, step(plan, "gold.sql", "MERGE INTO lakehouse.gold.daily_sales_by_store_category"),
                factSales), "a gold mart reads gold.fact_sales");
        assertTrue(step(plan, "silver.sql", "MERGE INTO lakehouse.silver.customers").inputs().isPresent(),
                "the shipped MERGEs' inputs are all placed, so they can be skipped");
    }

    @Test
    void tablesThatDoNotReadEachOtherDoNotWaitForEachOther() throws Exception {
        StatementPlan plan = StatementPlan.of(shipped(), "lakehouse");
        StatementPlan.Step customers = step(plan, "silver.sql", "MERGE INTO lakehouse.silver.customers");
        StatementPlan.Step events = step(plan, "silver.sql", "MERGE INTO lakehouse.silver.events");
        assertFalse(runsAfter(plan, events, customers), "silver.events reads nothing of silver.customers");
        assertFalse(runsAfter(plan, step(plan, "gold.sql", "MERGE INTO lakehouse.gold.dim_date"),
                customers), "gold.dim_date reads no silver table; gold.sql's SET repeats silver.sql's");
    }

    @Test
    void aChangedSettingOrAStatementItCannotPlaceKeepsTheFileOrder() {
        List<SqlStatement> statements = SqlScript.statements("t.sql", """
                SET spark.sql.session.timeZone = UTC;
                CREATE OR REPLACE TEMPORARY VIEW a_src AS SELECT * FROM lakehouse.bronze.a;
                MERGE INTO lakehouse.silver.a t USING (SELECT * FROM a_src) s ON t.id = s.id WHEN NOT MATCHED THEN INSERT *;
                SET spark.sql.session.timeZone = Europe/Berlin;
                CREATE OR REPLACE TEMPORARY VIEW b_src AS SELECT * FROM lakehouse.bronze.b;
                DROP TABLE lakehouse.silver.c;
                CREATE OR REPLACE TEMPORARY VIEW c_src AS SELECT * FROM lakehouse.bronze.c;
                """);
        StatementPlan plan = StatementPlan.of(statements, "lakehouse");
        assertEquals(Set.of(0, 1, 2), plan.steps().get(3).after(), "a new value waits for all before it");
        assertEquals(Set.of(3), plan.steps().get(4).after(), "and all after it wait for it");
        assertEquals(Set.of(3, 4), plan.steps().get(5).after(), "a DROP is not placed: a barrier");
        assertEquals(Set.of(5), plan.steps().get(6).after());
    }

    @Test
    void aViewIsNotReplacedWhileAStatementThatReadsItMayStillRun() {
        List<SqlStatement> statements = SqlScript.statements("t.sql", """
                CREATE OR REPLACE TEMPORARY VIEW src AS SELECT * FROM lakehouse.bronze.a;
                MERGE INTO lakehouse.silver.a t USING (SELECT * FROM src) s ON t.id = s.id WHEN NOT MATCHED THEN INSERT *;
                CREATE OR REPLACE TEMPORARY VIEW src AS SELECT * FROM lakehouse.bronze.b;
                MERGE INTO lakehouse.silver.b t USING (SELECT * FROM src) s ON t.id = s.id WHEN NOT MATCHED THEN INSERT *;
                """);
        StatementPlan plan = StatementPlan.of(statements, "lakehouse");
        assertEquals(Set.of(0), plan.steps().get(1).after());
        assertEquals(Set.of(0, 1), plan.steps().get(2).after(), "the second view waits for the first one's reader");
        assertEquals(Set.of(2), plan.steps().get(3).after());
    }
}
