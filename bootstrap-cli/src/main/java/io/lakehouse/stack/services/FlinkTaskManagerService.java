package io.lakehouse.stack.services;

import com.google.auto.service.AutoService;
import io.lakehouse.stack.LocalLaunch;
import io.lakehouse.stack.Scaling;
import io.lakehouse.stack.ServiceDefinition;
import io.lakehouse.stack.ServiceDescription;
import io.lakehouse.stack.Versions;
import io.lakehouse.stack.health.FlinkRestProbe;

import java.time.Duration;
import java.util.List;

/**
 * The Flink TaskManager of the session cluster: registers with the JobManager; its jobs read and write Iceberg
 * tables on HDFS (hence the DataNode) and Kafka topics. Its slots: one for each of the seed's two streaming jobs
 * (parallelism 1) and one left free, so that a job someone submits beside them (the Flink SQL client, a batch
 * INSERT) runs instead of waiting for a slot that never comes; with two slots such a job waited forever once seed
 * had run (found by running the integration tests in reverse order: the Flink-to-Trino test after the seed tests).
 */
@AutoService(ServiceDescription.class)
public final class FlinkTaskManagerService implements ServiceDescription {
    /** Task slots: the two streaming jobs' and one free. */
    public static final int TASK_SLOTS = 3;

    @Override
    public ServiceDefinition definition(Versions versions) {
        return ServiceDefinition.builder("flink-taskmanager")
                .description("Flink TaskManager (" + TASK_SLOTS + " task slots: the streaming jobs' 2 and 1 free)")
                .version(versions.of("flink"))
                .configFolder(FlinkDaemons.CONFIG_FOLDER)
                .internalPort(FlinkDaemons.TASKMANAGER_RPC_PORT, 6122, "RPC (JobManager)")
                .internalPort("FLINK_TASKMANAGER_DATA_PORT", 6121, "data exchange between tasks")
                .internalPort("FLINK_TASKMANAGER_METRICS_PORT", 6126, "metric query service (RPC)")
                .dependsOn("flink-jobmanager", "datanode")
                .scaling(Scaling.byInstances("flink-taskmanager"))
                .health(FlinkRestProbe.taskManager(FlinkDaemons.REST_PORT, FlinkDaemons.TASKMANAGER_RPC_PORT))
                // process size 1280m (config.yaml): heap 384m, direct 192m, managed 256m, metaspace 256m, overhead 192m
                .memoryBudgetMb(1280)
                .startTimeout(Duration.ofSeconds(90))
                .local(new LocalLaunch(FlinkDaemons.DISTRIBUTION, List.of(),
                        FlinkDaemons.daemon("org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                                384, "FLINK_TASKMANAGER_METRICS_PORT",
                                // BashJavaUtils GET_TM_RESOURCE_PARAMS for taskmanager.memory.process.size: 1280m
                                List.of("-Xms384m", "-XX:MaxDirectMemorySize=192m", "-XX:MaxMetaspaceSize=256m"),
                                List.of("taskmanager.memory.network.min=67108864b",
                                        "taskmanager.cpu.cores=2.0",
                                        "taskmanager.memory.task.off-heap.size=0b",
                                        "taskmanager.memory.jvm-metaspace.size=268435456b",
                                        "external-resources=none",
                                        "taskmanager.memory.jvm-overhead.min=201326592b",
                                        "taskmanager.memory.framework.off-heap.size=134217728b",
                                        "taskmanager.memory.network.max=67108864b",
                                        "taskmanager.memory.framework.heap.size=134217728b",
                                        "taskmanager.memory.managed.size=268435456b",
                                        "taskmanager.memory.task.heap.size=268435456b",
                                        "taskmanager.numberOfTaskSlots=" + TASK_SLOTS,
                                        "taskmanager.memory.jvm-overhead.max=201326592b")),
                        FlinkDaemons.ENVIRONMENT))
                .build();
    }
}
