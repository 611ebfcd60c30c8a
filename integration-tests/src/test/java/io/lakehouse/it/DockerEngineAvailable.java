package io.lakehouse.it;

import io.lakehouse.runtime.docker.DockerEngine;

/** For {@code @EnabledIf}: the docker-runtime tests run only where an engine answers, and are skipped elsewhere. */
final class DockerEngineAvailable {
    private DockerEngineAvailable() {
    }

    static boolean answers() {
        return DockerEngine.answers();
    }
}
