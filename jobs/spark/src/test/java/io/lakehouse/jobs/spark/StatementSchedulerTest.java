package io.lakehouse.jobs.spark;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatementSchedulerTest {
    private static final String SCRIPT = """
            CREATE OR REPLACE TEMPORARY VIEW a_src AS SELECT * FROM lakehouse.bronze.a;
            CREATE OR REPLACE TEMPORARY VIEW b_src AS SELECT * FROM lakehouse.bronze.b;
            MERGE INTO lakehouse.silver.a t USING (SELECT * FROM a_src) s ON t.id = s.id WHEN NOT MATCHED THEN INSERT *;
            MERGE INTO lakehouse.silver.b t USING (SELECT * FROM b_src) s ON t.id = s.id WHEN NOT MATCHED THEN INSERT *;
            CREATE OR REPLACE TEMPORARY VIEW ab_src AS SELECT * FROM lakehouse.silver.a JOIN lakehouse.silver.b USING (id);
            """;

    private static StatementPlan plan() {
        return StatementPlan.of(SqlScript.statements("t.sql", SCRIPT), "lakehouse");
    }

    @Test
    void independentStatementsRunAtOnceAndAStatementStartsOnlyAfterThoseItReads() {
        CountDownLatch bothMergesRunning = new CountDownLatch(2);
        ConcurrentLinkedQueue<Integer> order = new ConcurrentLinkedQueue<>();
        Optional<StatementScheduler.Failure> failure = new StatementScheduler(4).run(plan(), step -> {
            if (step.index() == 2 || step.index() == 3) {
                bothMergesRunning.countDown();
                assertTrue(bothMergesRunning.await(10, TimeUnit.SECONDS), "the two MERGEs did not run at once");
            }
            order.add(step.index());
        });
        assertEquals(Optional.empty(), failure);
        List<Integer> ran = List.copyOf(order);
        assertEquals(5, ran.size());
        assertEquals(4, ran.get(4), "the join of both runs after both MERGEs: " + ran);
    }

    @Test
    void theFirstFailureStopsWhatDependsOnItAndIsReturned() {
        ConcurrentLinkedQueue<Integer> ran = new ConcurrentLinkedQueue<>();
        Optional<StatementScheduler.Failure> failure = new StatementScheduler(1).run(plan(), step -> {
            if (step.index() == 2) {
                throw new IllegalStateException("TABLE_OR_VIEW_NOT_FOUND");
            }
            ran.add(step.index());
        });
        assertEquals("IllegalStateException: TABLE_OR_VIEW_NOT_FOUND", failure.map(f ->
                f.error().getClass().getSimpleName() + ": " + f.error().getMessage()).orElse("none"));
        assertEquals(3, failure.get().statement().number());
        assertEquals(List.of(0, 1), List.copyOf(ran), "nothing starts after the failure, in file order at 1");
    }
}
