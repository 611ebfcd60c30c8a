package io.lakehouse.seed;

import io.lakehouse.runtime.RuntimeKind;
import io.lakehouse.runtime.StackLayout;
import io.lakehouse.stack.ProbeTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeedTest {
    @TempDir
    Path home;

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @Test
    void theStandardStagesRunTheFilesBesideTheStreamingChainAndSilverAfterBoth() {
        Seed seed = Seed.standard();
        assertEquals(List.of("setup", "files -> bronze", "streaming jobs", "mysql source", "events -> kafka",
                "bronze catch-up", "silver + gold", "marts"), seed.stages().stream().map(SeedStage::name).toList());
        Map<String, Set<String>> after = new java.util.HashMap<>();
        seed.steps().forEach(step -> after.put(step.stage().name(), step.after()));
        assertEquals(Set.of("setup"), after.get("files -> bronze"));
        assertEquals(Set.of("setup"), after.get("streaming jobs"));
        assertEquals(Set.of("bronze catch-up", "files -> bronze"), after.get("silver + gold"));
        assertEquals(Set.of("silver + gold"), after.get("marts"));
    }

    @Test
    void stagesThatNeedNothingOfEachOtherRunAtOnceAndTheOneAfterWaitsForBoth() throws Exception {
        // each of the two side stages waits until the other has started: they finish only if they overlap
        CountDownLatch bothStarted = new CountDownLatch(2);
        Seed seed = new Seed(List.of(
                step("a", Set.of(), () -> { }),
                step("b", Set.of("a"), () -> meet(bothStarted)),
                step("c", Set.of("a"), () -> meet(bothStarted)),
                step("d", Set.of("b", "c"), () -> { })));
        List<StageResult> results = seed.run(context(), listener());
        assertEquals(List.of("a", "b", "c", "d"), results.stream().map(StageResult::stage).toList());
        assertEquals("start a", log.get(0));
        assertEquals("start d", log.get(log.size() - 2));
        assertTrue(log.indexOf("start d") > log.indexOf("end b") && log.indexOf("start d") > log.indexOf("end c"), log.toString());
    }

    @Test
    void aFailedStageIsNamedNothingStartsAfterItAndAStageBesideItFinishes() {
        // b fails only once c has started, and c ends only once b has failed: c is running when b fails.
        // (Without the first latch b could fail before c's thread began, and c would rightly never start.)
        CountDownLatch cStarted = new CountDownLatch(1);
        Seed seed = new Seed(List.of(
                step("a", Set.of(), () -> { }),
                step("b", Set.of("a"), () -> {
                    await(cStarted);
                    throw new IllegalStateException("broker gone");
                }),
                step("c", Set.of("a"), () -> {
                    cStarted.countDown();
                    await(failed);
                }),
                step("d", Set.of("b"), () -> { }),
                step("e", Set.of("c"), () -> { })));
        Seed.SeedException e = assertThrows(Seed.SeedException.class, () -> seed.run(context(), listener()));
        assertEquals("b", e.stage());
        assertTrue(e.getMessage().contains("broker gone"), e.getMessage());
        assertTrue(log.contains("end c"), "the stage beside it finished: " + log);
        assertFalse(log.contains("start d") || log.contains("start e"), "nothing starts after a failure: " + log);
    }

    @Test
    void aStageThatNeedsALaterOneIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Seed(List.of(
                step("a", Set.of("b"), () -> { }), step("b", Set.of(), () -> { }))));
        assertTrue(e.getMessage().contains("'a' needs 'b'"), e.getMessage());
    }

    private interface Body {
        void run() throws Exception;
    }

    private Seed.Step step(String name, Set<String> after, Body body) {
        return new Seed.Step(new SeedStage() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public StageResult run(SeedContext context) throws Exception {
                body.run();
                return new StageResult(name, name + " done", 0, 0);
            }
        }, after);
    }

    private final CountDownLatch failed = new CountDownLatch(1);

    private Seed.StageListener listener() {
        return new Seed.StageListener() {
            @Override
            public void failed(String stage, Exception cause) {
                log.add("failed " + stage);
                failed.countDown();
            }

            @Override
            public void started(SeedStage stage) {
                log.add("start " + stage.name());
            }

            @Override
            public void finished(StageResult result) {
                log.add("end " + result.stage());
            }
        };
    }

    private SeedContext context() {
        return new SeedContext(new ProbeTarget("127.0.0.1", Map.of(), Map.of()), RuntimeKind.LOCAL,
                new StackLayout(home, home.resolve(".lakehouse")), 1, SeedProgress.NONE);
    }

    private static void meet(CountDownLatch latch) throws InterruptedException {
        latch.countDown();
        await(latch);
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the other stage never came");
        }
    }
}
