package io.lakehouse.stack.services;

import com.google.auto.service.AutoService;
import io.lakehouse.stack.JdkRequirement;
import io.lakehouse.stack.LaunchCommand;
import io.lakehouse.stack.LocalLaunch;
import io.lakehouse.stack.Scaling;
import io.lakehouse.stack.ServiceDefinition;
import io.lakehouse.stack.ServiceDescription;
import io.lakehouse.stack.Versions;
import io.lakehouse.stack.health.TrinoProbe;
import io.lakehouse.stack.health.TrinoWorkerProbe;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Trino, the SQL engine over the lakehouse: one process that is both coordinator and worker, with the catalogs
 * {@code lakehouse} (Iceberg tables in the Hive Metastore, data on HDFS), {@code tpch} and {@code memory}.
 *
 * <p>The JVM is started directly, with the command line Trino's own {@code bin/launcher run --etc-dir=CONF_DIR}
 * builds ({@code java -cp lib/* <jvm.config> -Dnode.* -Dlog.levels-file -Dconfig io.trino.server.TrinoServer}),
 * so that the runtime picks the JDK, sets the heap and tracks the process like any other service. Where the launcher
 * would make its data folder the working directory and link {@code etc} and {@code plugin} into it, the plugin and
 * catalog folders are given as absolute paths instead. No jvm.config is rendered: both runtimes pass these options
 * on the command line.
 */
@AutoService(ServiceDescription.class)
public final class TrinoService implements ServiceDescription {
    /** Fits config.properties' query.max-memory-per-node (512 MB) plus heap headroom (384 MB). */
    static final int HEAP_MB = 1024;

    @Override
    public ServiceDefinition definition(Versions versions) {
        List<String> jvmOptions = List.of(
                // Trino's recommended flags (jvm.config of its documentation), minus G1: the runtime runs every
                // JVM with SerialGC, which Trino accepts with a warning; a small heap suits it well.
                "-XX:-OmitStackTraceInFastThrow",
                "-XX:ReservedCodeCacheSize=256M",
                "-XX:PerMethodRecompilationCutoff=10000",
                "-XX:PerBytecodeRecompilationCutoff=10000",
                "-XX:+EnableDynamicAgentLoading",
                "--enable-native-access=ALL-UNNAMED",
                "-Djdk.attach.allowAttachSelf=true",
                "-Djdk.nio.maxCachedBufferSize=2000000",
                "-Dfile.encoding=UTF-8",
                // what bin/launcher passes: node.properties as system properties, the log levels, the config
                "-Dnode.environment=lakehouse",
                "-Dnode.data-dir=${DATA_DIR}",
                "-Dlog.levels-file=${CONF_DIR}/log.properties",
                "-Dconfig=${CONF_DIR}/config.properties",
                // relative to the working directory otherwise (the launcher links them into its data folder)
                "-Dplugin.dir=${DIST_DIR}/plugin",
                "-Dcatalog.config-dir=${CONF_DIR}/catalog");
        return ServiceDefinition.builder("trino")
                .description("Trino SQL engine (coordinator and worker), Iceberg catalog on the Hive Metastore")
                .version(versions.of("trino"))
                .port("TRINO_PORT", 8080, "HTTP, web UI and JDBC")
                .dependsOn("hive-metastore", "datanode")
                .health(new TrinoProbe("TRINO_PORT"))
                .variable("TRINO_COORDINATOR", "true")
                // prefixes the coordinator-only lines of config.properties (web-ui.*): a worker refuses them as unused
                .variable("TRINO_COORDINATOR_ONLY", "")
                // trino-worker=N: N workers beside this coordinator, which then schedules no work on itself
                .scaling(Scaling.byInstances("trino-worker")
                        .describedAs("Trino worker (runs the coordinator's tasks)")
                        .probedBy(new TrinoWorkerProbe("TRINO_PORT"))
                        .instanceVariable("TRINO_COORDINATOR", "false")
                        .instanceVariable("TRINO_COORDINATOR_ONLY", "# coordinator only: ")
                        .clusterVariable("TRINO_INCLUDE_COORDINATOR", nodes -> Boolean.toString(nodes.size() == 1))
                        // read before a worker's own names replace the coordinator's: the coordinator's address
                        .clusterVariable("TRINO_DISCOVERY_URI", nodes -> "http://${TRINO_HOST}:${TRINO_PORT}"))
                .ui("/ui/")
                // measured: ~490 MB resident idle, ~1.45 GB after a TPC-H sf1 join (heap, code cache, metaspace)
                .memoryBudgetMb(1700)
                .startTimeout(Duration.ofSeconds(120))
                .local(new LocalLaunch("trino",
                        List.of(),
                        new LaunchCommand.Java(JdkRequirement.atLeast(24), "io.trino.server.TrinoServer",
                                List.of("${DIST_DIR}/lib/*"), HEAP_MB, jvmOptions, List.of()),
                        Map.of()))
                .build();
    }
}
