package io.lakehouse.stack.services;

import io.lakehouse.stack.JdkRequirement;
import io.lakehouse.stack.LaunchCommand;

import java.util.List;

/** What the NameNode and DataNode share: the HDFS service folder, its config on the classpath, logging. */
final class HadoopDaemons {
    static final String DISTRIBUTION = "hdfs";
    static final String CONFIG_FOLDER = "hdfs";

    private HadoopDaemons() {
    }

    static LaunchCommand.Java daemon(String mainClass, int heapMb, List<String> arguments) {
        return new LaunchCommand.Java(JdkRequirement.atLeast(17), mainClass, List.of("${CONF_DIR}", "${DIST_DIR}/lib/*"), heapMb,
                List.of(
                        // Jersey 1's JAXB needs it on JDK 17, or every WebHDFS call answers HTTP 500
                        "--add-opens=java.base/java.lang=ALL-UNNAMED",
                        "-Djava.net.preferIPv4Stack=true",
                        "-Dhadoop.log.dir=${LOG_DIR}",
                        "-Dhadoop.home.dir=${DIST_DIR}",
                        "-Dhadoop.root.logger=INFO,console",
                        "-Dlog4j.configuration=file:${CONF_DIR}/log4j.properties"),
                arguments);
    }
}
