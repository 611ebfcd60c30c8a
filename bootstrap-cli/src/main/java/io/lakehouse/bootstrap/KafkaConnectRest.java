package io.lakehouse.bootstrap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehouse.wait.RetryPolicy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/** The few calls of Kafka Connect's REST API the platform makes: read, put and inspect one connector. */
final class KafkaConnectRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(3))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private final String baseUrl;

    KafkaConnectRest(String host, int port) {
        this.baseUrl = "http://" + requireNonNull(host, "host") + ":" + port;
    }

    /** The worker of this stack ({@code CONNECT_PORT}). */
    static KafkaConnectRest of(io.lakehouse.stack.ProbeTarget stack) {
        return new KafkaConnectRest(stack.hostOf("CONNECT_PORT"), stack.port("CONNECT_PORT"));
    }

    String baseUrl() {
        return baseUrl;
    }

    /** The connector's stored config (with the {@code name} key Connect adds), or empty when there is none. */
    Optional<Map<String, String>> config(String connector) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/connectors/" + connector + "/config")).GET());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        expect(200, response, "GET /connectors/" + connector + "/config");
        return Optional.of(JSON.readValue(response.body(), new TypeReference<TreeMap<String, String>>() { }));
    }

    /** Creates or replaces the connector's config; Connect validates it first and answers 400 with the reasons. */
    void putConfig(String connector, Map<String, String> config) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/connectors/" + connector + "/config"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config))));
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            expect(201, response, "PUT /connectors/" + connector + "/config");
        }
    }

    /**
     * {@code GET /connectors/NAME/status}: the connector's and its tasks' states, with traces when failed; empty
     * while the worker has not reported any yet (just after the connector was created).
     */
    Optional<JsonNode> status(String connector) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/connectors/" + connector + "/status")).GET());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        expect(200, response, "GET /connectors/" + connector + "/status");
        return Optional.of(JSON.readTree(response.body()));
    }

    /**
     * {@code PUT /connectors/NAME/stop}, then waits until the connector reports STOPPED: its tasks are shut down and
     * its offsets may be changed (KIP-875).
     */
    void stop(String connector) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/connectors/" + connector + "/stop"))
                .PUT(HttpRequest.BodyPublishers.noBody()));
        if (response.statusCode() != 202 && response.statusCode() != 204) {
            expect(204, response, "PUT /connectors/" + connector + "/stop");
        }
        String[] state = {""};
        boolean stopped = STATE_CHANGE.await(() -> {
            try {
                state[0] = status(connector).map(s -> s.path("connector").path("state").asText()).orElse("");
                return "STOPPED".equals(state[0]);
            } catch (IOException e) {
                state[0] = e.getMessage();
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return true;
            }
        });
        if (!stopped) {
            throw new IOException(connector + " did not stop within " + STATE_CHANGE.timeout().toSeconds()
                    + " s (state " + state[0] + ")");
        }
    }

    /**
     * {@code DELETE /connectors/NAME/offsets} of a STOPPED connector: the source offsets Connect keeps for it are
     * gone, so when it resumes it starts as a new connector would (Debezium: a snapshot). Returns Connect's message.
     */
    String deleteOffsets(String connector) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/connectors/" + connector + "/offsets"))
                .DELETE());
        expect(200, response, "DELETE /connectors/" + connector + "/offsets");
        return JSON.readTree(response.body()).path("message").asText("");
    }

    /** {@code PUT /connectors/NAME/resume}: a stopped or paused connector runs again. */
    void resume(String connector) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/connectors/" + connector + "/resume"))
                .PUT(HttpRequest.BodyPublishers.noBody()));
        expect(202, response, "PUT /connectors/" + connector + "/resume");
    }

    /**
     * {@code POST /connectors/NAME/restart?includeTasks=true&onlyFailed=true}: the connector and those of its tasks
     * that are FAILED start again (KIP-745); the worker reports them RESTARTING at once, not their old failure.
     */
    void restartFailed(String connector) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                uri("/connectors/" + connector + "/restart?includeTasks=true&onlyFailed=true"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        if (response.statusCode() != 202 && response.statusCode() != 204) {
            expect(202, response, "POST /connectors/" + connector + "/restart");
        }
    }

    /** How long a connector asked to stop may take to report it. */
    static final RetryPolicy STATE_CHANGE = new RetryPolicy("Kafka Connect state change", Duration.ofMillis(500),
            Duration.ofSeconds(60));

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    /**
     * Sends the request; while the worker's group is rebalancing (a worker that just started or restarted answers
     * 409, or 500 "a rebalance is expected"), asks again, every {@link #REBALANCE} interval up to its timeout.
     */
    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        // PUT validates the config by connecting to the database: allow it more than a probe's few seconds
        HttpRequest built = request.timeout(Duration.ofSeconds(60)).build();
        java.util.List<HttpResponse<String>> last = new java.util.ArrayList<>(1);
        REBALANCE.awaitChecked(() -> {
            last.clear();
            last.add(CLIENT.send(built, HttpResponse.BodyHandlers.ofString()));
            return !rebalancing(last.get(0));
        });
        // still rebalancing after the timeout: the caller reports Connect's own answer
        return last.get(0);
    }

    /** Connect's answer while its group rebalances: the request is fine, the worker is not ready for it yet. */
    static boolean rebalancing(HttpResponse<String> response) {
        return response.statusCode() == 409
                || (response.statusCode() == 500 && response.body().toLowerCase(java.util.Locale.ROOT).contains("rebalance"));
    }

    /** How long a request waits out a rebalance of the Connect group. */
    static final RetryPolicy REBALANCE = new RetryPolicy("Kafka Connect rebalance", Duration.ofSeconds(1),
            Duration.ofSeconds(90));

    private void expect(int status, HttpResponse<String> response, String call) throws IOException {
        if (response.statusCode() != status) {
            String message;
            try {
                message = JSON.readTree(response.body()).path("message").asText(response.body());
            } catch (IOException notJson) {
                message = response.body();
            }
            throw new IOException(call + " at " + baseUrl + " answered HTTP " + response.statusCode() + ": " + message);
        }
    }
}
