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
        CountDownLatch never = new CountDownLatch(1);   // a read that does not return, as on a stopped dockerd
        long began = System.nanoTime();
        EngineNotAnsweringException e = assertThrows(EngineNotAnsweringException.class,
                () -> DockerEngine.within("inspect abc", Duration.ofMillis(300), () -> {
                    try {
                        never.await();
                    } catch (InterruptedException ignored) {
                        Thread.currentThread().interrupt();
                    }
                    return "late";
                }));
        assertTrue(System.nanoTime() - began < Duration.ofSeconds(5).toNanos());
        assertEquals("the Docker engine did not answer within 300 ms (inspect abc)", e.getMessage());
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
