package io.lakehouse.stack.services;

import io.lakehouse.stack.JdkRequirement;
import io.lakehouse.stack.LaunchCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the Spark master, worker and Connect server share: the service folder (a SPARK_HOME of jars, no scripts),
 * the config folder {@code compose/spark}, the environment Spark reads, and the JVM flags {@code bin/spark-class}
 * would add.
 */
final class SparkDaemons {
    static final String DISTRIBUTION = "spark";
    static final String CONFIG_FOLDER = "spark";
    /** Spark 4.0 runs on Java 17 and 21. */
    static final JdkRequirement JDK = new JdkRequirement(17, 21);

    /**
     * SPARK_HOME: the worker builds each executor's classpath from {@code SPARK_HOME/jars} plus SPARK_CONF_DIR
     * (spark-launcher's WorkerCommandBuilder). SPARK_LOCAL_IP: the web UIs bind to it (0.0.0.0 without it), as do
     * executors started by the worker, which inherit its environment (as they do SPARK_LOCAL_DIRS). SPARK_SCALA_VERSION: set by the scripts'
     * load-spark-env.sh; without it the worker's executor command builder looks for a source build and every
     * executor fails with "Cannot find any build directories".
     */
    static final Map<String, String> ENVIRONMENT = Map.of(
            "SPARK_HOME", "${DIST_DIR}",
            "SPARK_SCALA_VERSION", "2.13",
            "SPARK_CONF_DIR", "${CONF_DIR}",
            "SPARK_LOCAL_IP", "${BIND_ADDRESS}",
            // scratch space (shuffle, spills) of the driver and, through the worker, of the executors
            "SPARK_LOCAL_DIRS", "${DATA_DIR}/tmp");

    /** spark-launcher's JavaModuleOptions (4.0.1): what spark-class adds to every Spark JVM on JDK 17+. */
    static final List<String> JAVA_MODULE_OPTIONS = List.of(
            "-XX:+IgnoreUnrecognizedVMOptions",
            "--add-modules=jdk.incubator.vector",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true");

    private SparkDaemons() {
    }

    static LaunchCommand.Java daemon(String mainClass, int heapMb, List<String> arguments) {
        List<String> options = new ArrayList<>(JAVA_MODULE_OPTIONS);
        options.add("-Djava.net.preferIPv4Stack=true");
        options.addAll(QuickJit.OPTIONS);
        options.add("-Dlog4j2.configurationFile=${CONF_DIR}/log4j2.properties");
        return new LaunchCommand.Java(JDK, mainClass, List.of("${CONF_DIR}", "${DIST_DIR}/jars/*"), heapMb,
                List.copyOf(options), arguments);
    }
}
