package io.lakehouse.seed.streaming;

import io.lakehouse.stack.ProbeTarget;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JobEnvironmentTest {
    private final ProbeTarget stack = new ProbeTarget("127.0.0.1", Map.of("KAFKA_PORT", 19092,
            "HIVE_METASTORE_PORT", 19083, "NAMENODE_RPC_PORT", 18020, "SERVING_STORE_PORT", 19042), Map.of());

    @Test
    void eachJobCheckpointsUnderItsOwnNameOnTheStacksHdfs() {
        JobEnvironment environment = JobEnvironment.seenBy(stack, false);
        assertEquals(List.of("--kafka", "127.0.0.1:19092", "--metastore", "thrift://127.0.0.1:19083",
                        "--warehouse", "hdfs://127.0.0.1:18020/warehouse",
                        "--checkpoints", "hdfs://127.0.0.1:18020/flink/checkpoints/lakehouse-cdc-to-bronze"),
                environment.arguments(StreamingJob.CDC_TO_BRONZE));
    }

    @Test
    void onlyTheEventsJobGetsTheServingStoreAndOnlyWhenItRuns() {
        assertEquals(List.of("--cql", "127.0.0.1:19042"), tail(JobEnvironment.seenBy(stack, true)
                .arguments(StreamingJob.EVENTS)));
        assertEquals(List.of("--checkpoints", "hdfs://127.0.0.1:18020/flink/checkpoints/lakehouse-events"),
                tail(JobEnvironment.seenBy(stack, false).arguments(StreamingJob.EVENTS)));
        assertEquals(8, JobEnvironment.seenBy(stack, true).arguments(StreamingJob.CDC_TO_BRONZE).size());
    }

    @Test
    void jobsAreFoundByName() {
        assertEquals(StreamingJob.EVENTS, StreamingJob.named("lakehouse-events"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> StreamingJob.named("x"));
        assertEquals("no streaming job 'x'; the jobs are [lakehouse-cdc-to-bronze, lakehouse-events]",
                unknown.getMessage());
    }

    private static List<String> tail(List<String> args) {
        return args.subList(args.size() - 2, args.size());
    }
}
