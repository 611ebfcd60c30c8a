package io.lakehouse.stack.services;

import java.util.List;

/**
 * The client compiler only (C1), for the JVMs whose work on this platform is many short jobs, each compiling new
 * code, where C2's slower compiles never pay back on 2 cores: Spark's Connect server and executors, Flink's
 * JobManager and TaskManager.
 * <ul>
 *   <li>Spark, silver and gold cold on freshly started JVMs: 57-67 s with both compilers, 43-45 s with C1 on the
 *   executor alone, 35-36 s with it on the driver (the Connect server) too. Warm, the same SQL takes about as long
 *   either way (19-28 s). The executors get it from spark-defaults.conf.</li>
 *   <li>Flink, the first seed on a stack just started (2026-12-07, one run each): the JobManager's CPU during the
 *   seed 19.1 s with both compilers, 10.7 s with C1; the TaskManager's 24.6 s and 13.3 s; the bronze catch-up
 *   29.1 s and 20.7 s. At rest afterwards the TaskManager used 3.6 CPU s a minute (8.8 with both compilers in an
 *   earlier session), and CDC freshness stayed where it was (median 3.7 s, p95 4.3 s over 20 changes).</li>
 * </ul>
 * Without tiers the JVM reserves 48 MB for compiled code instead of 240 MB, and the Connect server ran out of it
 * ("Out of space in CodeCache for adapters", a failed MERGE): the size is kept at the tiered default.
 */
final class QuickJit {
    static final List<String> OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=240m");

    private QuickJit() {
    }
}
