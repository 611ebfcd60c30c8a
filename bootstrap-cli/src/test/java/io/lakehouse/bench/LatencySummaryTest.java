package io.lakehouse.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LatencySummaryTest {
    @Test
    void medianAndNearestRankPercentile() {
        LatencySummary odd = LatencySummary.of(List.of(30.0, 10.0, 20.0));
        assertEquals(20.0, odd.medianMillis());
        assertEquals(30.0, odd.p95Millis());
        LatencySummary twenty = LatencySummary.of(java.util.stream.IntStream.rangeClosed(1, 20)
                .mapToObj(i -> (double) i).toList());
        assertEquals(10.5, twenty.medianMillis());
        assertEquals(19.0, twenty.p95Millis());
        assertEquals(1.0, twenty.minMillis());
        assertEquals(20.0, twenty.maxMillis());
    }
}
