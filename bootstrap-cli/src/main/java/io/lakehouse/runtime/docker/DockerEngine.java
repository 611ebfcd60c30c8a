package io.lakehouse.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The Docker engine as docker-java sees it: whether it answers, and a client for container state and logs. */
public final class DockerEngine {
    private DockerEngine() {
    }

    public static DockerClient client() {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(2))
                .responseTimeout(Duration.ofSeconds(30))
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    /** Empty when an engine answers a ping; otherwise what is wrong and how to fix it, in one line. */
    public static Optional<String> problem() {
        try (DockerClient client = client()) {
            client.pingCmd().exec();
            return Optional.empty();
        } catch (Exception e) {
            boolean installed = onPath("dockerd") || onPath("docker");
            return Optional.of(installed
                    ? "the Docker engine does not answer (" + e.getClass().getSimpleName()
                      + "); start it: 'sudo systemctl start docker' or, as root, 'dockerd > /var/log/dockerd.log 2>&1 &'"
                    : "no Docker engine is installed; install one: 'apt-get install docker.io' (Debian) or Docker Desktop");
        }
    }

    public static boolean answers() {
        return problem().isEmpty();
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
