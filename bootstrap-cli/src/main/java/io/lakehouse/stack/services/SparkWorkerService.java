package io.lakehouse.stack.services;

import com.google.auto.service.AutoService;
import io.lakehouse.stack.LocalLaunch;
import io.lakehouse.stack.Scaling;
import io.lakehouse.stack.ServiceDefinition;
import io.lakehouse.stack.ServiceDescription;
import io.lakehouse.stack.Versions;
import io.lakehouse.stack.health.SparkWorkerProbe;

import java.time.Duration;
import java.util.List;

/**
 * The Spark worker: offers 2 cores and 2 GiB to the master and starts the executors of applications (as child JVMs
 * with the classpath of SPARK_HOME/jars, work dirs under its DATA_DIR).
 */
@AutoService(ServiceDescription.class)
public final class SparkWorkerService implements ServiceDescription {
    /** The cores a worker offers (one executor of spark.executor.cores). */
    static final int CORES = 2;

    @Override
    public ServiceDefinition definition(Versions versions) {
        return ServiceDefinition.builder("spark-worker")
                .description("Spark standalone worker (runs the executors)")
                .version(versions.of("spark"))
                .configFolder(SparkDaemons.CONFIG_FOLDER)
                .port("SPARK_WORKER_HTTP_PORT", 8091, "web UI and /json/")
                .internalPort("SPARK_WORKER_PORT", 7078, "worker RPC")
                .dependsOn("spark-master")
                // N workers: an application may take every worker's cores (spark.cores.max)
                .scaling(Scaling.byInstances("spark-worker").clusterVariable("SPARK_CORES_MAX",
                        workers -> Integer.toString(CORES * workers.size())))
                .health(new SparkWorkerProbe("SPARK_WORKER_HTTP_PORT", "SPARK_MASTER_HTTP_PORT"))
                .ui("/")
                // the worker itself (~250 MB) plus one executor of 1 GiB heap (spark.executor.memory) when busy
                .memoryBudgetMb(1600)
                // the web UIs link to each other by this name: the published ports answer on the host\'s loopback
                .containerEnvironment("SPARK_PUBLIC_DNS", "127.0.0.1")
                // 120 s, not 60: first of seven starts at once on 2 cores, the master's JVM logged its start 57 s
                // after its container did (a docker up right after the image builds, 2026-12-06)
                .startTimeout(Duration.ofSeconds(120))
                .local(new LocalLaunch(SparkDaemons.DISTRIBUTION, List.of(),
                        SparkDaemons.daemon("org.apache.spark.deploy.worker.Worker", 256, List.of(
                                "--host", "${SPARK_WORKER_HOST}",
                                "--port", "${SPARK_WORKER_PORT}",
                                "--webui-port", "${SPARK_WORKER_HTTP_PORT}",
                                "--cores", Integer.toString(CORES),
                                "--memory", "2g",
                                "--work-dir", "${DATA_DIR}/work",
                                "--properties-file", "${CONF_DIR}/spark-defaults.conf",
                                "spark://${SPARK_MASTER_HOST}:${SPARK_MASTER_PORT}")),
                        SparkDaemons.ENVIRONMENT))
                .build();
    }
}
