package io.lakehouse.stack.services;

import com.google.auto.service.AutoService;
import io.lakehouse.stack.JdkRequirement;
import io.lakehouse.stack.LaunchCommand;
import io.lakehouse.stack.LocalLaunch;
import io.lakehouse.stack.ServiceDefinition;
import io.lakehouse.stack.StandIn;
import io.lakehouse.stack.VendorImage;
import io.lakehouse.stack.ServiceDescription;
import io.lakehouse.stack.Versions;
import io.lakehouse.stack.health.CqlProbe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The CQL serving store, where streaming jobs keep realtime aggregates for applications to read (keyspace
 * {@code serving}). Under docker it is ScyllaDB from its vendor's image; no registry here offers a ScyllaDB server,
 * so the local runtime (and docker, where that image cannot be pulled) runs Apache Cassandra, which speaks the
 * same CQL protocol, as its stand-in, and says so.
 */
@AutoService(ServiceDescription.class)
public final class ServingStoreService implements ServiceDescription {
    /** Cassandra's own {@code jvm17-server.options} (5.0): the JDK internals it reaches into on JDK 17. */
    private static final List<String> JDK17_ACCESS = List.of(
            "-Djdk.attach.allowAttachSelf=true",
            "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-exports", "java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports", "java.rmi/sun.rmi.server=ALL-UNNAMED",
            "--add-exports", "java.sql/java.sql=ALL-UNNAMED",
            "--add-exports", "java.base/java.lang.ref=ALL-UNNAMED",
            "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-exports", "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports", "jdk.attach/sun.tools.attach=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.loader=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.reflect=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.math=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.module=ALL-UNNAMED",
            "--add-opens", "java.base/jdk.internal.util.jar=ALL-UNNAMED",
            "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED",
            "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens", "java.base/java.io=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens", "jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "-Dio.netty.tryReflectionSetAccessible=true");

    private static final List<String> CASSANDRA = List.of(
            "-javaagent:${DIST_DIR}/agent/jamm.jar",
            "-Dcassandra.config=file://${CONF_DIR}/cassandra.yaml",
            "-Dcassandra-foreground=yes",
            "-Dcassandra.storagedir=${DATA_DIR}",
            "-Dlogback.configurationFile=${CONF_DIR}/logback.xml",
            // JMX (nodetool) on loopback only
            "-Dcassandra.jmx.local.port=${SERVING_STORE_JMX_PORT}",
            // one node, no peers to wait for: a fresh start in ~9 s instead of ~37 s
            "-Dcassandra.ring_delay_ms=1000",
            "-Dcassandra.skip_wait_for_gossip_to_settle=0",
            "-Djava.net.preferIPv4Stack=true",
            // bounds the resident size on a shared machine (network buffers; the chunk cache is off)
            "-XX:MaxDirectMemorySize=256m");

    @Override
    public ServiceDefinition definition(Versions versions) {
        String scylla = versions.of("scylladb");
        List<String> jvmOptions = new ArrayList<>(JDK17_ACCESS);
        jvmOptions.addAll(CASSANDRA);
        return ServiceDefinition.builder("serving-store")
                .description("CQL serving store: realtime aggregates for applications (keyspace serving)")
                .version(versions.of("cassandra"))
                .vendorImage(new VendorImage("ScyllaDB", scylla, "scylladb/scylla",
                        // a small single-node development instance: one shard, 750 MB, no CPU pinning, no I/O
                        // tuning at start, no version check (it phones home); CQL and storage on the port variables
                        List.of("--smp=1", "--memory=750M", "--overprovisioned=1", "--developer-mode=1",
                                "--disable-version-check", "--native-transport-port=${SERVING_STORE_PORT}",
                                "--storage-port=${SERVING_STORE_STORAGE_PORT}"),
                        "/var/lib/scylla",
                        // cqlsh ships in the ScyllaDB image; CQL listens on the container's address
                        "cqlsh -e 'SELECT release_version FROM system.local' serving-store ${SERVING_STORE_PORT}"))
                .localStandIn(new StandIn("Apache Cassandra", versions.of("cassandra"), "ScyllaDB " + scylla,
                        "no ScyllaDB server in Debian's or Maven Central's registries"))
                .port("SERVING_STORE_PORT", 9042, "CQL native protocol")
                .internalPort("SERVING_STORE_STORAGE_PORT", 7000, "inter-node storage and gossip")
                .internalPort("SERVING_STORE_JMX_PORT", 7199, "JMX for nodetool, loopback only")
                .health(new CqlProbe("SERVING_STORE_PORT"))
                // 512 MiB heap; measured ~0.75 GB resident when idle (Cassandra locks its memory where allowed)
                .memoryBudgetMb(900)
                .keepsData("the CQL keyspaces and their tables")
                // a restart beside 15 busy services on 2 cores: 50 s to start, then reads time out for a minute
                // more before CQL logins answer (a CI run saw 120 s pass)
                .startTimeout(Duration.ofSeconds(180))
                .local(new LocalLaunch("cassandra", List.of(),
                        // Cassandra 5.0 runs on JDK 11 and 17 only; on 21+ it fails on the removed security manager
                        new LaunchCommand.Java(new JdkRequirement(17, 17), "org.apache.cassandra.service.CassandraDaemon",
                                List.of("${CONF_DIR}", "${DIST_DIR}/lib/*"), 512, jvmOptions, List.of()),
                        Map.of()))
                .build();
    }
}
