package io.lakehouse.stack.services;

import com.google.auto.service.AutoService;
import io.lakehouse.stack.InitStep;
import io.lakehouse.stack.JdkRequirement;
import io.lakehouse.stack.LaunchCommand;
import io.lakehouse.stack.LocalLaunch;
import io.lakehouse.stack.ServiceDefinition;
import io.lakehouse.stack.ServiceDescription;
import io.lakehouse.stack.Versions;
import io.lakehouse.stack.health.MetastoreThriftProbe;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Hive Metastore (standalone), the lakehouse's catalog: schema in MySQL (created by its schematool on first
 * start), warehouse on HDFS, Thrift API for Iceberg and the engines.
 */
@AutoService(ServiceDescription.class)
public final class HiveMetastoreService implements ServiceDescription {
    private static final List<String> CLASSPATH = List.of("${CONF_DIR}", "${DIST_DIR}/lib/*");

    @Override
    public ServiceDefinition definition(Versions versions) {
        List<String> jvmOptions = List.of(
                "-Djava.net.preferIPv4Stack=true",
                "-Dlog4j.configurationFile=${CONF_DIR}/metastore-log4j2.properties");
        return ServiceDefinition.builder("hive-metastore")
                .description("Hive Metastore (Iceberg catalog), schema in MySQL, warehouse on HDFS")
                .version(versions.of("hive"))
                .port("HIVE_METASTORE_PORT", 9083, "Thrift")
                .dependsOn("mysql", "namenode")
                .health(new MetastoreThriftProbe("HIVE_METASTORE_PORT"))
                .memoryBudgetMb(650)
                .keepsData("the marker that its schema was created in MySQL (schematool -initSchema runs once)")
                .containerReads("METASTORE_DB_PASSWORD")
                .startTimeout(Duration.ofSeconds(120))
                .local(new LocalLaunch("hive-metastore",
                        List.of(new InitStep("init-schema", "create the metastore schema in MySQL (schematool)",
                                new LaunchCommand.Java(JdkRequirement.atLeast(17),
                                        "org.apache.hadoop.hive.metastore.tools.schematool.MetastoreSchemaTool",
                                        CLASSPATH, 256, jvmOptions, List.of("-dbType", "mysql", "-initSchema")),
                                // measured 20-40 s idle; most of 120 s on a machine busy building images
                                Duration.ofSeconds(240))),
                        new LaunchCommand.Java(JdkRequirement.atLeast(17), "org.apache.hadoop.hive.metastore.HiveMetaStore", CLASSPATH, 512,
                                jvmOptions, List.of()),
                        // schematool finds its SQL scripts through the environment, not a system property
                        Map.of("METASTORE_HOME", "${DIST_DIR}")))
                .build();
    }
}
