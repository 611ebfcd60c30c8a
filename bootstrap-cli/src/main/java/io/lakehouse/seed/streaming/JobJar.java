package io.lakehouse.seed.streaming;

import java.nio.file.Files;
import java.nio.file.Path;

/** The job jar built by the module {@code jobs/flink}, found under the project home. */
public final class JobJar {
    static final String FILE = "lakehouse-flink-jobs.jar";

    private JobJar() {
    }

    public static Path locate(Path home) {
        Path jar = home.resolve("jobs/flink/target").resolve(FILE);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the Flink job jar " + jar + " is missing; build it: "
                    + "./mvnw -B -q -pl jobs/flink package -DskipTests");
        }
        return jar;
    }
}
