package io.lakehouse.runtime.docker;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DockerEngineTest {
    @Test
    void aCallTheEngineNeverAnswersEndsAtItsBound() {
        long began = System.nanoTime();   // a read that does not return, as on a stopped dockerd
        EngineNotAnsweringException e = assertThrows(EngineNotAnsweringException.class,
                () -> DockerEngine.within("inspect abc", Duration.ofMillis(300), DockerEngineTest::never));
        assertTrue(System.nanoTime() - began < Duration.ofSeconds(5).toNanos());
        assertEquals("the Docker engine did not answer within 300 ms (inspect abc)", e.getMessage());
    }

    @Test
    void aCallUnansweredForAWhileWithAnEngineThatMissesAPingEndsThenNotAtItsBound() {
        long began = System.nanoTime();
        EngineNotAnsweringException e = assertThrows(EngineNotAnsweringException.class,
                () -> DockerEngine.within("inspect abc", Duration.ofSeconds(60), DockerEngineTest::never, () -> false));
        long waited = System.nanoTime() - began;
        assertTrue(waited >= DockerEngine.SUSPICION.toNanos() && waited < Duration.ofSeconds(15).toNanos(),
                "ended after " + waited / 1_000_000 + " ms");
        assertTrue(e.pingUnanswered(), e.getMessage());
        assertEquals("the Docker engine did not answer within 5 s (inspect abc, nor a ping)", e.getMessage());
    }

    @Test
    void aBusyEngineThatAnswersAPingGetsTheCallsWholeBound() {
        long began = System.nanoTime();
        EngineNotAnsweringException e = assertThrows(EngineNotAnsweringException.class,
                () -> DockerEngine.within("inspect abc", Duration.ofSeconds(7), DockerEngineTest::never, () -> true));
        assertTrue(System.nanoTime() - began >= Duration.ofSeconds(7).toNanos());
        assertTrue(!e.pingUnanswered(), e.getMessage());
        assertEquals("the Docker engine did not answer within 7 s (inspect abc)", e.getMessage());
        // a call that answers only once the engine was pinged, so after SUSPICION: past it, within its bound
        // (ordered by the ping itself, not by a sleep that a loaded machine could stretch past the bound)
        CountDownLatch pinged = new CountDownLatch(1);
        assertEquals("late but in time", DockerEngine.within("inspect abc", Duration.ofSeconds(10), () -> {
            try {
                pinged.await();
            } catch (InterruptedException cancelled) {
                Thread.currentThread().interrupt();
                return "given up";
            }
            return "late but in time";
        }, () -> {
            pinged.countDown();
            return true;
        }));
    }

    private static String never() {
        sleep(Long.MAX_VALUE);
        return "never";
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void anAnswerOrAFailureComesBackAsItIs() {
        assertEquals("ok", DockerEngine.within("ping", Duration.ofSeconds(5), () -> "ok"));
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> DockerEngine.within("ping", Duration.ofSeconds(5), () -> {
                    throw new IllegalArgumentException("no such container");
                }));
        assertEquals("no such container", failure.getMessage());
    }
}
