package io.lakehouse.stack.services;

import com.google.auto.service.AutoService;
import io.lakehouse.stack.InitStep;
import io.lakehouse.stack.LocalLaunch;
import io.lakehouse.stack.ServiceDefinition;
import io.lakehouse.stack.ServiceDescription;
import io.lakehouse.stack.Versions;
import io.lakehouse.stack.health.NameNodeProbe;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The HDFS NameNode: the namespace of the lakehouse's storage, formatted on first start. */
@AutoService(ServiceDescription.class)
public final class NameNodeService implements ServiceDescription {
    private static final String MAIN = "org.apache.hadoop.hdfs.server.namenode.NameNode";

    @Override
    public ServiceDefinition definition(Versions versions) {
        return ServiceDefinition.builder("namenode")
                .description("HDFS NameNode (storage namespace)")
                .version(versions.of("hadoop"))
                .configFolder(HadoopDaemons.CONFIG_FOLDER)
                .port("NAMENODE_RPC_PORT", 8020, "HDFS RPC")
                .port("NAMENODE_HTTP_PORT", 9870, "web UI and WebHDFS")
                .health(new NameNodeProbe("NAMENODE_HTTP_PORT"))
                .ui("/")
                .memoryBudgetMb(350)
                .keepsData("the HDFS namespace (fsimage and edits)")
                .startTimeout(Duration.ofSeconds(90))
                .local(new LocalLaunch(HadoopDaemons.DISTRIBUTION,
                        List.of(new InitStep("format", "format the HDFS namespace",
                                HadoopDaemons.daemon(MAIN, 256, List.of("-format", "-nonInteractive")),
                                Duration.ofSeconds(90))),
                        HadoopDaemons.daemon(MAIN, 256, List.of()),
                        Map.of()))
                .build();
    }
}
