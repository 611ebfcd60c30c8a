package io.lakehouse.stack;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * How a process is started. Every string may hold {@code ${VARIABLE}} placeholders, which the runtime resolves
 * (paths such as {@code DIST_DIR}, {@code CONF_DIR}, {@code DATA_DIR}; ports; generated secrets).
 */
public sealed interface LaunchCommand {

    /** A JVM: main class, classpath entries (globs allowed, as java accepts), heap and options. */
    record Java(JdkRequirement jdk, String mainClass, List<String> classpath, int heapMb, List<String> jvmOptions,
                List<String> arguments) implements LaunchCommand {
        public Java {
            requireNonNull(jdk, "jdk");
            requireNonNull(mainClass, "mainClass");
            classpath = List.copyOf(classpath);
            jvmOptions = List.copyOf(jvmOptions);
            arguments = List.copyOf(arguments);
            if (heapMb <= 0) {
                throw new IllegalArgumentException("every JVM gets an explicit heap: " + mainClass);
            }
        }
    }

    /** A native executable shipped in the service folder (or a system command). */
    record Native(String executable, List<String> arguments) implements LaunchCommand {
        public Native {
            requireNonNull(executable, "executable");
            arguments = List.copyOf(arguments);
        }
    }
}
