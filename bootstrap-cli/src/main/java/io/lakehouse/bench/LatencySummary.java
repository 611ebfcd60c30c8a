package io.lakehouse.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Latencies of repeated runs, in milliseconds: median, 95th percentile (nearest rank), min and max. */
public record LatencySummary(int runs, double medianMillis, double p95Millis, double minMillis, double maxMillis) {
    public static LatencySummary of(List<Double> millis) {
        if (millis.isEmpty()) {
            throw new IllegalArgumentException("no runs");
        }
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        double p95 = sorted.get(Math.max(0, (int) Math.ceil(0.95 * n) - 1));
        return new LatencySummary(n, median, p95, sorted.get(0), sorted.get(n - 1));
    }
}
