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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The Docker engine as docker-java sees it: whether it answers, and a client for container state and logs.
 * docker-java's response timeout does not hold on the engine's Unix socket (a stopped dockerd held a read for
 * minutes), so every call whose answer a wait depends on goes through {@link #within}, which holds the bound itself.
 */
public final class DockerEngine {
    /** How long one call may wait for the engine before it counts as not answering. */
    public static final Duration CALL_BOUND = Duration.ofSeconds(30);
    private static final Duration PING_BOUND = Duration.ofSeconds(10);
    /** How long a call waits before the engine is pinged to tell a busy engine from a silent one. */
    static final Duration SUSPICION = Duration.ofSeconds(5);
    private static final ExecutorService CALLS = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "docker-engine-call");
        thread.setDaemon(true);   // a call the engine never answers must not keep the CLI alive
        return thread;
    });

    private DockerEngine() {
    }

    /**
     * The call's answer, or {@link EngineNotAnsweringException} once {@link #CALL_BOUND} passed without one (the
     * call's thread is left to the engine; it holds nothing the caller needs).
     */
    public static <T> T within(String what, Supplier<T> call) {
        return within(what, CALL_BOUND, call);
    }

    /**
     * {@link #within(String, Supplier)} with a bound of its own. A call still unanswered after {@link #SUSPICION}
     * makes the engine pinged: no answer to that either, and the engine is silent (stopped or hung) at once, which
     * the exception says ({@link EngineNotAnsweringException#pingUnanswered}); an answer, and the engine is only busy
     * (a CI host starting six containers at once held an inspect for over 30 s): the call gets the rest of its bound.
     * A held dockerd was named after 40 s (the bound, then a ping) before; now after 15 s.
     */
    static <T> T within(String what, Duration bound, Supplier<T> call) {
        return within(what, bound, call, DockerEngine::answers);   // problem()'s ping is bounded, never suspicious
    }

    static <T> T within(String what, Duration bound, Supplier<T> call, java.util.function.BooleanSupplier engineAnswers) {
        Future<T> answer = CALLS.submit(call::get);
        long began = System.nanoTime();
        try {
            return answer.get(Math.min(SUSPICION.toMillis(), bound.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException slow) {
            if (SUSPICION.compareTo(bound) < 0 && !engineAnswers.getAsBoolean()) {
                answer.cancel(true);
                throw new EngineNotAnsweringException(what, Duration.ofNanos(System.nanoTime() - began), true);
            }
            long left = bound.toNanos() - (System.nanoTime() - began);
            return rest(what, bound, answer, Math.max(0, left));
        } catch (ExecutionException failed) {
            return rest(what, bound, answer, 0);   // done: its failure, as the caller expects it
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Docker engine (" + what + ")", e);
        }
    }

    /** The answer within {@code nanos} more, with the call's failure, an interrupt or the bound turned into exceptions. */
    private static <T> T rest(String what, Duration bound, Future<T> answer, long nanos) {
        try {
            return answer.get(nanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new EngineNotAnsweringException(what, bound, false);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Docker engine (" + what + ")", e);
        }
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
            rest("a ping", PING_BOUND, CALLS.submit(() -> client.pingCmd().exec()), PING_BOUND.toNanos());
            return Optional.empty();
        } catch (EngineNotAnsweringException e) {
            return Optional.of("the Docker engine does not answer: no reply to a ping within " + PING_BOUND.toSeconds()
                    + " s (dockerd stopped, hung or overloaded); restart it: 'sudo systemctl restart docker'");
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
