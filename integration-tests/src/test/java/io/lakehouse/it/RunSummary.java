package io.lakehouse.it;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Prints one {@link PhaseLog} line when a test run ends: how many tests passed, failed and were skipped, and how long
 * the run took (its stack's start and stop included).
 */
public final class RunSummary implements TestExecutionListener {
    private final AtomicInteger passed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();
    private long began;
    /** When each test class began, for its line of how busy the machine was meanwhile. */
    private final java.util.Map<String, Long> classBegan = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public void testPlanExecutionStarted(TestPlan plan) {
        began = System.nanoTime();
        MachineBusy.start();
    }

    @Override
    public void executionStarted(TestIdentifier test) {
        testClass(test).ifPresent(name -> classBegan.put(name, System.nanoTime()));
    }

    private static java.util.Optional<String> testClass(TestIdentifier test) {
        return test.getSource().filter(org.junit.platform.engine.support.descriptor.ClassSource.class::isInstance)
                .map(source -> ((org.junit.platform.engine.support.descriptor.ClassSource) source).getClassName()
                        .replaceFirst("^.*\\.", ""));
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        if (test.isTest()) {
            skipped.incrementAndGet();
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        testClass(test).ifPresent(name -> {
            Long classStart = classBegan.remove(name);
            if (classStart != null) {
                // not a [phase] line: the CI summary lists the classes' times from failsafe's own lines
                MachineBusy.since(classStart).ifPresent(busy -> System.out.printf("[class] %s in %.1f s, %s%n", name,
                        (System.nanoTime() - classStart) / 1e9, busy));
            }
        });
        if (!test.isTest()) {
            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL && test.isContainer()) {
                // a class whose set-up (its stack) failed: its tests never ran, say so
                System.out.println(PhaseLog.PREFIX + PhaseLog.run() + ": " + test.getDisplayName() + " "
                        + result.getStatus() + result.getThrowable().map(t -> ": " + t.getMessage()).orElse(""));
            }
            return;
        }
        (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? passed : failed).incrementAndGet();
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (passed.get() + failed.get() + skipped.get() == 0) {
            return;   // the surefire run of unit tests, or an execution with nothing in it
        }
        PhaseLog.done(String.format("%d tests passed, %d failed, %d skipped", passed.get(), failed.get(),
                skipped.get()), began);
    }
}
