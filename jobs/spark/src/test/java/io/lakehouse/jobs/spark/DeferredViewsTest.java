package io.lakehouse.jobs.spark;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plan and the scheduler are the real ones; what is checked is the views made, in the order made. */
class DeferredViewsTest {
    private static final String SCRIPT = """
            SET spark.sql.session.timeZone = UTC;
            CREATE OR REPLACE TEMPORARY VIEW a_src AS SELECT * FROM lakehouse.bronze.a;
            CREATE OR REPLACE TEMPORARY VIEW b_src AS SELECT * FROM lakehouse.bronze.b;
            CREATE OR REPLACE TEMPORARY VIEW ab_src AS SELECT * FROM a_src JOIN b_src USING (id);
            MERGE INTO lakehouse.silver.a t USING (SELECT * FROM a_src) s ON t.id = s.id WHEN NOT MATCHED THEN INSERT *;
            MERGE INTO lakehouse.silver.ab t USING (SELECT * FROM ab_src) s ON t.id = s.id WHEN NOT MATCHED THEN INSERT *;
            MERGE INTO lakehouse.silver.b t USING (SELECT * FROM b_src) s ON t.id = s.id WHEN NOT MATCHED THEN INSERT *;
            """;

    /** Runs the script: a MERGE whose target is in {@code running} runs (makes its views first); the rest skip. */
    private static List<String> made(String script, Set<String> running, int parallelism) {
        List<String> made = Collections.synchronizedList(new ArrayList<>());
        DeferredViews views = new DeferredViews((view, reader) -> {
            String name = MergeLineage.viewDefinedBy(view.statement()).orElseThrow();
            made.add(name + "@" + view.statement().number());
        });
        Optional<StatementScheduler.Failure> failure = new StatementScheduler(parallelism)
                .run(StatementPlan.of(SqlScript.statements("t.sql", script), "lakehouse"), step -> {
                    if (views.defer(step)) {
                        return;
                    }
                    boolean runs = step.statement().writtenTable().map(running::contains).orElse(true);
                    if (runs) {
                        views.makeFor(step);
                    }
                });
        assertEquals(Optional.empty(), failure);
        return List.copyOf(made);
    }

    @Test
    void withNothingToRunNoViewIsMade() {
        assertEquals(List.of(), made(SCRIPT, Set.of(), 4));
    }

    @Test
    void aMergeThatRunsGetsTheViewsItReadsDirectlyOrThroughAnotherViewEachOnce() {
        List<String> made = made(SCRIPT, Set.of("lakehouse.silver.ab"), 4);
        assertEquals(3, made.size(), made.toString());
        assertEquals("ab_src@4", made.get(2), "a view is made after the views it reads: " + made);
        assertEquals(Set.of("a_src@2", "b_src@3"), Set.copyOf(made.subList(0, 2)));

        List<String> all = made(SCRIPT, Set.of("lakehouse.silver.a", "lakehouse.silver.ab", "lakehouse.silver.b"), 8);
        assertEquals(3, all.size(), "three MERGEs at once, each view made once: " + all);
        assertTrue(all.indexOf("ab_src@4") > all.indexOf("a_src@2") && all.indexOf("ab_src@4") > all.indexOf("b_src@3"),
                all.toString());

        assertEquals(List.of("b_src@3"), made(SCRIPT, Set.of("lakehouse.silver.b"), 1));
    }

    @Test
    void aViewDefinedTwiceIsReadAsTheDefinitionBeforeItsReader() {
        String script = """
                CREATE OR REPLACE TEMPORARY VIEW v AS SELECT * FROM lakehouse.bronze.a;
                MERGE INTO lakehouse.silver.a t USING (SELECT * FROM v) s ON t.id = s.id WHEN NOT MATCHED THEN INSERT *;
                CREATE OR REPLACE TEMPORARY VIEW v AS SELECT * FROM lakehouse.bronze.b;
                MERGE INTO lakehouse.silver.b t USING (SELECT * FROM v) s ON t.id = s.id WHEN NOT MATCHED THEN INSERT *;
                """;
        assertEquals(List.of("v@3"), made(script, Set.of("lakehouse.silver.b"), 4));
        assertEquals(List.of("v@1", "v@3"), made(script, Set.of("lakehouse.silver.a", "lakehouse.silver.b"), 4));
    }

    @Test
    void aViewDefinedBeforeASettingThatChangesIsStillMadeForItsReaderAfterIt() {
        String script = """
                SET spark.sql.session.timeZone = UTC;
                CREATE OR REPLACE TEMPORARY VIEW v AS SELECT * FROM lakehouse.bronze.a;
                SET spark.sql.session.timeZone = Europe/Paris;
                MERGE INTO lakehouse.silver.a t USING (SELECT * FROM v) s ON t.id = s.id WHEN NOT MATCHED THEN INSERT *;
                """;
        assertEquals(List.of("v@2"), made(script, Set.of("lakehouse.silver.a"), 4));
    }

    @Test
    void aStatementThePlanCannotPlaceGetsTheLatestDefinitionOfEveryViewBeforeIt() {
        String script = """
                CREATE OR REPLACE TEMPORARY VIEW v AS SELECT * FROM lakehouse.bronze.a;
                CREATE OR REPLACE TEMPORARY VIEW w AS SELECT * FROM lakehouse.bronze.b;
                CREATE OR REPLACE TEMPORARY VIEW v AS SELECT * FROM lakehouse.bronze.c;
                CACHE TABLE v;
                """;
        assertEquals(List.of("w@2", "v@3"), made(script, Set.of(), 4));
    }
}
