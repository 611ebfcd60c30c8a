package io.lakehouse.stack.services;

import com.google.auto.service.AutoService;
import io.lakehouse.stack.LocalLaunch;
import io.lakehouse.stack.Scaling;
import io.lakehouse.stack.ServiceDefinition;
import io.lakehouse.stack.ServiceDescription;
import io.lakehouse.stack.Versions;
import io.lakehouse.stack.health.DataNodeProbe;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** An HDFS DataNode: stores the blocks, registers with the NameNode; scales to N (datanode-2, ...). */
@AutoService(ServiceDescription.class)
public final class DataNodeService implements ServiceDescription {
    @Override
    public ServiceDefinition definition(Versions versions) {
        return ServiceDefinition.builder("datanode")
                .description("HDFS DataNode (block storage)")
                .version(versions.of("hadoop"))
                .configFolder(HadoopDaemons.CONFIG_FOLDER)
                .port("DATANODE_PORT", 9866, "block data transfer")
                .port("DATANODE_HTTP_PORT", 9864, "web UI")
                .port("DATANODE_IPC_PORT", 9867, "IPC")
                .dependsOn("namenode")
                .health(new DataNodeProbe("DATANODE_HTTP_PORT"))
                .ui("/")
                .memoryBudgetMb(350)
                .keepsData("the HDFS blocks")
                // N DataNodes: every block on min(3, N) of them (the NameNode's and every client's dfs.replication)
                .scaling(Scaling.byInstances("datanode").clusterVariable("HDFS_REPLICATION",
                        dataNodes -> Integer.toString(Scaling.replication(dataNodes.size()))))
                .startTimeout(Duration.ofSeconds(90))
                .local(new LocalLaunch(HadoopDaemons.DISTRIBUTION, List.of(),
                        HadoopDaemons.daemon("org.apache.hadoop.hdfs.server.datanode.DataNode", 256, List.of()),
                        Map.of()))
                .build();
    }
}
