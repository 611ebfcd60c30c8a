package io.lakehouse.wait;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {
    private static final RetryPolicy QUICK = new RetryPolicy("quick", Duration.ofMillis(5), Duration.ofMillis(300));
    /** The same interval, with a timeout no stall of a loaded machine reaches: what ends its wait is the condition. */
    private static final RetryPolicy PATIENT = new RetryPolicy("patient", Duration.ofMillis(5), Duration.ofMinutes(5));

    @Test
    void aConditionThatComesTrueEndsTheWaitAtOnce() throws Exception {
        // (with QUICK, a pause of 300 ms between the first and the third question ended the wait with false)
        AtomicInteger asked = new AtomicInteger();
        assertTrue(PATIENT.awaitChecked(() -> asked.incrementAndGet() >= 3));
        assertEquals(3, asked.get(), "not asked again once it held");
        assertTrue(PATIENT.await(() -> true));
        assertTrue(QUICK.await(() -> true), "held at the first question: no timeout can have passed");
    }

    @Test
    void aConditionThatNeverHoldsEndsAtTheTimeoutWithFalse() throws Exception {
        long began = System.nanoTime();
        assertFalse(QUICK.awaitChecked(() -> false));
        assertTrue(System.nanoTime() - began >= Duration.ofMillis(300).toNanos(), "waited the timeout out");
    }

    @Test
    void aCheckThatFailsEndsTheWaitWithItsOwnException() {
        IOException refused = new IOException("connection refused");
        assertSame(refused, assertThrows(IOException.class, () -> QUICK.awaitChecked(() -> {
            throw refused;
        })));
    }
}
