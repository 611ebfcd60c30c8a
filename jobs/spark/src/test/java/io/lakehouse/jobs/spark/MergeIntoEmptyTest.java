package io.lakehouse.jobs.spark;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MergeIntoEmptyTest {
    /** The customers MERGE of silver.sql: the change-set pattern every table but the append-only ones follows. */
    private static String changeSet() throws Exception {
        return statements("silver.sql").stream().map(SqlStatement::text)
                .filter(text -> text.startsWith("MERGE INTO lakehouse.silver.customers")).findFirst().orElseThrow();
    }

    private static List<SqlStatement> statements(String file) throws Exception {
        return SqlScript.statements(file, Files.readString(Path.of("sql", file), StandardCharsets.UTF_8));
    }

    @Test
    void theChangeSetMergeInsertsTheSourceRowsNotFlaggedDeleted() throws Exception {
        MergeIntoEmpty insert = MergeIntoEmpty.of(changeSet()).orElseThrow();
        assertEquals("lakehouse.silver.customers", insert.target());
        assertEquals("s", insert.alias());
        assertEquals("(NOT s._deleted)", insert.condition());
        String select = insert.select(List.of("customer_id", "email"));
        assertTrue(select.startsWith("SELECT s.`customer_id`, s.`email` FROM (\n  SELECT *, false AS _deleted"), select);
        assertTrue(select.endsWith(") s WHERE (NOT s._deleted)"), select);
    }

    @Test
    void anInsertWithoutConditionTakesEverySourceRowAndConditionsAreJoinedByOr() {
        assertEquals("true", MergeIntoEmpty.of("MERGE INTO lakehouse.silver.events AS t USING (SELECT s.* FROM "
                + "events_src s LEFT ANTI JOIN lakehouse.silver.events t ON t.event_id = s.event_id) AS s "
                + "ON t.event_id = s.event_id WHEN NOT MATCHED THEN INSERT *").orElseThrow().condition());
        assertEquals("(s.a > 1) OR (s.b = 'WHEN (x)')", MergeIntoEmpty.of("MERGE INTO t USING (SELECT 1) s ON t.k = s.k "
                + "WHEN NOT MATCHED AND s.a > 1 THEN INSERT * WHEN NOT MATCHED BY TARGET AND s.b = 'WHEN (x)' "
                + "THEN INSERT * WHEN NOT MATCHED BY SOURCE THEN DELETE").orElseThrow().condition());
        assertEquals("((CASE WHEN s.a THEN true END))", MergeIntoEmpty.of("MERGE INTO t USING (SELECT 1) s ON t.k = s.k "
                + "WHEN NOT MATCHED AND (CASE WHEN s.a THEN true END) THEN INSERT *").orElseThrow().condition());
    }

    @Test
    void aMergeOfAnotherShapeIsLeftToSpark() {
        for (String merge : List.of(
                "MERGE INTO t USING src s ON t.k = s.k WHEN NOT MATCHED THEN INSERT *",   // a table as source
                "MERGE INTO t USING (SELECT 1) ON t.k = k WHEN NOT MATCHED THEN INSERT *",   // no alias
                "MERGE INTO t USING (SELECT 1) s ON t.k = s.k WHEN NOT MATCHED THEN INSERT (k) VALUES (s.k)",
                "MERGE INTO t USING (SELECT 1) s ON t.k = s.k WHEN MATCHED THEN DELETE",   // inserts nothing
                // a CASE outside parentheses splits where the parser cannot place it: left to Spark
                "MERGE INTO t USING (SELECT 1) s ON t.k = s.k WHEN NOT MATCHED AND CASE WHEN s.a THEN true END "
                        + "THEN INSERT *",
                "MERGE INTO t USING (SELECT ')' s ON t.k = s.k WHEN NOT MATCHED THEN INSERT *",   // unbalanced
                "INSERT INTO t SELECT 1")) {
            assertEquals(Optional.empty(), MergeIntoEmpty.of(merge), merge);
        }
    }

    @Test
    void everyMergeOfTheProjectsScriptsIsTaken() throws Exception {
        int merges = 0;
        for (String file : List.of("silver.sql", "gold.sql")) {
            for (SqlStatement statement : statements(file)) {
                if (StatementPlan.isMerge(statement)) {
                    merges++;
                    assertTrue(MergeIntoEmpty.of(statement.text()).isPresent(), statement.where());
                }
            }
        }
        assertEquals(17, merges, "the MERGEs of silver.sql and gold.sql");
    }
}
