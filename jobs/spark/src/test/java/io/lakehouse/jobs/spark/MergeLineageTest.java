package io.lakehouse.jobs.spark;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MergeLineageTest {
    private static final String MERGE = """
            MERGE INTO lakehouse.gold.fact t
            USING (SELECT * FROM fact_src EXCEPT SELECT * FROM lakehouse.gold.fact) s
            ON t.id = s.id WHEN NOT MATCHED THEN INSERT *""";

    private static Optional<MergeLineage.Inputs> inputs(String script) {
        MergeLineage lineage = new MergeLineage("lakehouse");
        List<SqlStatement> statements = SqlScript.statements("t.sql", script + ";\n" + MERGE + ";");
        statements.subList(0, statements.size() - 1).forEach(lineage::ran);
        return lineage.of(statements.get(statements.size() - 1), "lakehouse.gold.fact");
    }

    @Test
    void aMergeReadsTheTablesOfItsViewsTransitivelyButNotItsTarget() {
        Optional<MergeLineage.Inputs> read = inputs("""
                CREATE OR REPLACE TEMPORARY VIEW orders_src AS SELECT * FROM lakehouse.silver.orders o
                  JOIN lakehouse.silver.customers c ON o.customer_id = c.customer_id;
                CREATE OR REPLACE TEMPORARY VIEW fact_src AS
                  WITH paid AS (SELECT * FROM lakehouse.silver.payments)
                  SELECT * FROM orders_src LEFT JOIN paid USING (order_id)""");
        assertEquals(Optional.of(Set.of("lakehouse.silver.orders", "lakehouse.silver.customers",
                "lakehouse.silver.payments")), read.map(MergeLineage.Inputs::tables));
    }

    @Test
    void aRelationItCannotPlaceMakesTheInputsUnknownSoTheMergeAlwaysRuns() {
        assertEquals(Optional.empty(), inputs(
                "CREATE OR REPLACE TEMPORARY VIEW fact_src AS SELECT * FROM silver.orders"));
        assertEquals(Optional.empty(), inputs(
                "CREATE OR REPLACE TEMPORARY VIEW fact_src AS SELECT * FROM some_other_view"));
        assertTrue(inputs("CREATE OR REPLACE TEMPORARY VIEW fact_src AS SELECT * FROM range(3)").isPresent(),
                "a table function is not a relation");
    }

    @Test
    void theDigestChangesWithAViewASettingOrTheMergeText() {
        String view = "CREATE OR REPLACE TEMPORARY VIEW fact_src AS SELECT id FROM lakehouse.silver.orders";
        String digest = inputs(view).orElseThrow().textDigest();
        assertEquals(digest, inputs(view).orElseThrow().textDigest(), "the same text, the same digest");
        assertNotEquals(digest, inputs(view + " WHERE id > 0").orElseThrow().textDigest());
        assertNotEquals(digest, inputs("SET spark.sql.session.timeZone = UTC;\n" + view).orElseThrow().textDigest());
        assertNotEquals(digest, inputs("CREATE OR REPLACE TEMPORARY VIEW other_src AS SELECT 1 AS id;\n" + view
                + " UNION ALL SELECT id FROM other_src").orElseThrow().textDigest());
    }

    @Test
    void aSettingIsTheSessionsLastValueOfItsKeyNotEachTimeItWasMade() {
        String view = "CREATE OR REPLACE TEMPORARY VIEW fact_src AS SELECT id FROM lakehouse.silver.orders";
        String set = "SET spark.sql.session.timeZone = UTC;\n";
        String once = inputs(set + view).orElseThrow().textDigest();
        assertEquals(once, inputs(set + set + view).orElseThrow().textDigest(),
                "gold.sql after silver.sql (both set the time zone) as gold.sql alone");
        assertEquals(once, inputs("SET spark.sql.session.timeZone=Europe/Paris;\n" + set + view).orElseThrow()
                .textDigest(), "the last value counts");
        assertNotEquals(once, inputs(set + "SET spark.sql.session.timeZone = Europe/Paris;\n" + view)
                .orElseThrow().textDigest());
        assertEquals("spark.sql.ansi.enabled", MergeLineage.settingKey("set  spark.sql.ansi.enabled=true"));
    }
}
