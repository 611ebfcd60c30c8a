package io.lakehouse.stack.services;

import io.lakehouse.stack.JdkRequirement;
import io.lakehouse.stack.LaunchCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the Flink JobManager and TaskManager share: the service folder ({@code services/flink}), the config folder
 * ({@code compose/flink/config.yaml}, read by both), the JVM options Flink's own scripts would add, the environment.
 */
final class FlinkDaemons {
    static final String DISTRIBUTION = "flink";
    static final String CONFIG_FOLDER = "flink";
    /** The REST API and web UI (8081 is Flink's default; 8080/8081 are Spark's master and worker UIs). */
    static final String REST_PORT = "FLINK_JOBMANAGER_PORT";
    static final String TASKMANAGER_RPC_PORT = "FLINK_TASKMANAGER_RPC_PORT";

    /** env.java.opts.all of Flink 2.0's config.yaml (also in compose/flink/config.yaml, for clients): JDK 17 access. */
    static final List<String> JDK17_OPTIONS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    /** FLINK_CONF_DIR etc., as Flink's scripts set them (the plugins dir and the web UI's log lookup use them). */
    static final Map<String, String> ENVIRONMENT = Map.of(
            "FLINK_CONF_DIR", "${CONF_DIR}",
            "FLINK_HOME", "${DIST_DIR}",
            "FLINK_LIB_DIR", "${DIST_DIR}/lib",
            "FLINK_OPT_DIR", "${DIST_DIR}/opt",
            "FLINK_PLUGINS_DIR", "${DIST_DIR}/plugins",
            "FLINK_LOG_DIR", "${LOG_DIR}");

    private FlinkDaemons() {
    }

    /**
     * A Flink daemon. {@code memoryJvmOptions} and {@code memoryProperties} are what Flink's BashJavaUtils prints for
     * the process size in config.yaml (the runtime's own -Xmx comes from {@code heapMb}, equal to the -Xmx there).
     */
    static LaunchCommand.Java daemon(String mainClass, int heapMb, String metricsPortVariable,
                                     List<String> memoryJvmOptions, List<String> memoryProperties) {
        List<String> jvmOptions = new ArrayList<>(memoryJvmOptions);
        jvmOptions.addAll(JDK17_OPTIONS);
        jvmOptions.addAll(QuickJit.OPTIONS);
        jvmOptions.addAll(List.of(
                "-Djava.net.preferIPv4Stack=true",
                "-Dlog4j.configurationFile=${CONF_DIR}/log4j2.properties",
                "-Dlog4j2.formatMsgNoLookups=true"));
        List<String> arguments = new ArrayList<>(List.of("--configDir", "${CONF_DIR}",
                // the metric query service is a separate RPC endpoint: a fixed port per process, never a random one
                "-D", "metrics.internal.query-service.port=${" + metricsPortVariable + "}"));
        for (String property : memoryProperties) {
            arguments.add("-D");
            arguments.add(property);
        }
        return new LaunchCommand.Java(JdkRequirement.atLeast(17), mainClass, List.of("${DIST_DIR}/lib/*"), heapMb,
                jvmOptions, arguments);
    }
}
