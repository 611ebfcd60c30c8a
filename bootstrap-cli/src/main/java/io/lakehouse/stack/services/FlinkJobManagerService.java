package io.lakehouse.stack.services;

import com.google.auto.service.AutoService;
import io.lakehouse.stack.LocalLaunch;
import io.lakehouse.stack.ServiceDefinition;
import io.lakehouse.stack.ServiceDescription;
import io.lakehouse.stack.Versions;
import io.lakehouse.stack.health.FlinkRestProbe;

import java.time.Duration;
import java.util.List;

/**
 * The Flink JobManager of the session cluster: dispatcher, resource manager, REST API and web UI. SQL (the SQL
 * client, or a SQL gateway) and jars ({@code flink run}) are submitted through its REST port. Checkpoints go to
 * HDFS, so it needs the NameNode (only once a job checkpoints, but then for sure).
 */
@AutoService(ServiceDescription.class)
public final class FlinkJobManagerService implements ServiceDescription {
    @Override
    public ServiceDefinition definition(Versions versions) {
        return ServiceDefinition.builder("flink-jobmanager")
                .description("Flink JobManager (session cluster: REST API, web UI, job scheduling)")
                .version(versions.of("flink"))
                .configFolder(FlinkDaemons.CONFIG_FOLDER)
                .port(FlinkDaemons.REST_PORT, 8082, "REST API and web UI (SQL client, flink run)")
                .internalPort("FLINK_JOBMANAGER_RPC_PORT", 6123, "RPC (TaskManagers)")
                .internalPort("FLINK_JOBMANAGER_BLOB_PORT", 6124, "blob server (job artifacts for TaskManagers)")
                .internalPort("FLINK_JOBMANAGER_METRICS_PORT", 6125, "metric query service (RPC)")
                .dependsOn("namenode")
                .health(FlinkRestProbe.jobManager(FlinkDaemons.REST_PORT))
                .ui("/")
                // process size 768m (config.yaml): heap 192m, off-heap 128m, metaspace 256m, overhead 192m
                .memoryBudgetMb(768)
                .startTimeout(Duration.ofSeconds(90))
                .local(new LocalLaunch(FlinkDaemons.DISTRIBUTION, List.of(),
                        FlinkDaemons.daemon("org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                                192, "FLINK_JOBMANAGER_METRICS_PORT",
                                // BashJavaUtils GET_JM_RESOURCE_PARAMS for jobmanager.memory.process.size: 768m
                                List.of("-Xms192m", "-XX:MaxMetaspaceSize=256m"),
                                List.of("jobmanager.memory.off-heap.size=134217728b",
                                        "jobmanager.memory.jvm-overhead.min=201326592b",
                                        "jobmanager.memory.jvm-metaspace.size=268435456b",
                                        "jobmanager.memory.heap.size=201326592b",
                                        "jobmanager.memory.jvm-overhead.max=201326592b")),
                        FlinkDaemons.ENVIRONMENT))
                .build();
    }
}
