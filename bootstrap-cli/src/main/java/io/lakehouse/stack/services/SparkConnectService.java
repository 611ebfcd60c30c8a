package io.lakehouse.stack.services;

import com.google.auto.service.AutoService;
import io.lakehouse.stack.LocalLaunch;
import io.lakehouse.stack.ServiceDefinition;
import io.lakehouse.stack.ServiceDescription;
import io.lakehouse.stack.Versions;
import io.lakehouse.stack.health.SparkConnectProbe;

import java.time.Duration;
import java.util.List;

/**
 * The Spark Connect server: a long-running Spark application (the driver) on the standalone cluster, serving
 * clients over gRPC ({@code sc://host:15002}, e.g. {@code pyspark-client}), with the Iceberg catalog
 * {@code lakehouse} (Hive Metastore + HDFS) as its default catalog. Started through SparkSubmit in client mode,
 * as {@code sbin/start-connect-server.sh} does, without the scripts.
 */
@AutoService(ServiceDescription.class)
public final class SparkConnectService implements ServiceDescription {
    @Override
    public ServiceDefinition definition(Versions versions) {
        return ServiceDefinition.builder("spark-connect")
                .description("Spark Connect server (gRPC), Iceberg catalog 'lakehouse' on the metastore and HDFS")
                .version(versions.of("spark"))
                .configFolder(SparkDaemons.CONFIG_FOLDER)
                .port("SPARK_CONNECT_PORT", 15002, "Spark Connect gRPC (sc://)")
                .port("SPARK_CONNECT_HTTP_PORT", 4040, "driver web UI and REST API")
                .internalPort("SPARK_DRIVER_PORT", 7079, "driver RPC (executors)")
                .internalPort("SPARK_DRIVER_BLOCK_MANAGER_PORT", 7080, "driver block manager (executors)")
                .dependsOn("spark-worker", "hive-metastore", "datanode")
                .health(new SparkConnectProbe("SPARK_CONNECT_PORT", "SPARK_CONNECT_HTTP_PORT"))
                .ui("/")
                // 768 MiB heap plus metaspace, Netty's direct buffers and code cache
                .memoryBudgetMb(1100)
                // the web UIs link to each other by this name: the published ports answer on the host\'s loopback
                .containerEnvironment("SPARK_PUBLIC_DNS", "127.0.0.1")
                .startTimeout(Duration.ofSeconds(120))
                .local(new LocalLaunch(SparkDaemons.DISTRIBUTION, List.of(),
                        SparkDaemons.daemon("org.apache.spark.deploy.SparkSubmit", 768, List.of(
                                "--class", "org.apache.spark.sql.connect.service.SparkConnectServer",
                                "--name", "Spark Connect server",
                                "--master", "spark://${SPARK_MASTER_HOST}:${SPARK_MASTER_PORT}",
                                "--properties-file", "${CONF_DIR}/spark-defaults.conf",
                                "spark-internal")),
                        SparkDaemons.ENVIRONMENT))
                .build();
    }
}
