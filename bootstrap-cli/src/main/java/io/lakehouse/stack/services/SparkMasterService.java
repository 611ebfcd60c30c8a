package io.lakehouse.stack.services;

import com.google.auto.service.AutoService;
import io.lakehouse.stack.LocalLaunch;
import io.lakehouse.stack.ServiceDefinition;
import io.lakehouse.stack.ServiceDescription;
import io.lakehouse.stack.Versions;
import io.lakehouse.stack.health.SparkMasterProbe;

import java.time.Duration;
import java.util.List;

/** The Spark standalone master: the cluster manager the worker registers with and applications are run on. */
@AutoService(ServiceDescription.class)
public final class SparkMasterService implements ServiceDescription {
    @Override
    public ServiceDefinition definition(Versions versions) {
        return ServiceDefinition.builder("spark-master")
                .description("Spark standalone master (cluster manager)")
                .version(versions.of("spark"))
                .configFolder(SparkDaemons.CONFIG_FOLDER)
                .port("SPARK_MASTER_PORT", 7077, "spark:// (workers, applications)")
                .port("SPARK_MASTER_HTTP_PORT", 8090, "web UI and /json/")
                .health(new SparkMasterProbe("SPARK_MASTER_HTTP_PORT"))
                .ui("/")
                .memoryBudgetMb(350)
                // the web UIs link to each other by this name: the published ports answer on the host\'s loopback
                .containerEnvironment("SPARK_PUBLIC_DNS", "127.0.0.1")
                // 120 s, not 60: first of seven starts at once on 2 cores, the master's JVM logged its start 57 s
                // after its container did (a docker up right after the image builds, 2026-12-06)
                .startTimeout(Duration.ofSeconds(120))
                .local(new LocalLaunch(SparkDaemons.DISTRIBUTION, List.of(),
                        SparkDaemons.daemon("org.apache.spark.deploy.master.Master", 256, List.of(
                                "--host", "${SPARK_MASTER_HOST}",
                                "--port", "${SPARK_MASTER_PORT}",
                                "--webui-port", "${SPARK_MASTER_HTTP_PORT}",
                                "--properties-file", "${CONF_DIR}/spark-defaults.conf")),
                        SparkDaemons.ENVIRONMENT))
                .build();
    }
}
