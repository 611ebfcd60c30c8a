package io.lakehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Airflow's REST API (v2) as the tests use it: log in with the generated admin password ({@code POST /auth/token}),
 * then the DAG, its runs, task instances and task logs, with the bearer token.
 */
final class AirflowApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    /** An answer: status and parsed body (empty object when there is none). */
    record Answer(int status, JsonNode body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final String base;
    private final String bearer;

    private AirflowApi(String base, String accessToken) {
        this.base = requireNonNull(base, "base");
        this.bearer = requireNonNull(accessToken, "accessToken");
    }

    static AirflowApi login(String base, String user, String password) throws IOException, InterruptedException {
        ObjectNode credentials = JSON.createObjectNode().put("username", user).put("password", password);
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/auth/token"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(credentials.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("login as " + user + " at " + base + " failed: HTTP " + response.statusCode() + " "
                    + response.body());
        }
        return new AirflowApi(base, JSON.readTree(response.body()).path("access_token").asText());
    }

    /** The HTTP status of a login attempt, for checking that a wrong password is refused. */
    static int loginStatus(String base, String user, String password) throws IOException, InterruptedException {
        ObjectNode credentials = JSON.createObjectNode().put("username", user).put("password", password);
        return CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/auth/token")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(credentials.toString())).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Answer post(String path, JsonNode body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    Answer patch(String path, JsonNode body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** The DAG as Airflow describes it, once its DAG processor has parsed it (within 2 minutes). */
    JsonNode awaitDag(String dagId) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        Answer dag;
        do {
            dag = get("/api/v2/dags/" + dagId);
            if (dag.ok()) {
                return dag.body();
            }
            Thread.sleep(2000);
        } while (System.nanoTime() < deadline);
        JsonNode errors = get("/api/v2/importErrors").body();
        return fail("DAG " + dagId + " not known to Airflow within 2 min (HTTP " + dag.status() + "); import errors: "
                + errors);
    }

    /**
     * Triggers a run of {@code dagId} named {@code runId} and waits for it to end: it fails, with the log tail of
     * every task that did not succeed, unless the run and each of {@code tasks} succeeded.
     */
    void runToSuccess(String dagId, String runId, List<String> tasks, Duration timeout)
            throws IOException, InterruptedException {
        ObjectNode trigger = object().put("dag_run_id", runId);
        trigger.putNull("logical_date");
        Answer created = post("/api/v2/dags/" + dagId + "/dagRuns", trigger);
        assertTrue(created.ok(), "trigger " + dagId + ": HTTP " + created.status() + " " + created.body());
        // a paused DAG's runs stay queued; unpausing after the trigger lets the scheduler take it (a DAG unpaused
        // for the first time also gets today's scheduled run, which with max_active_runs=1 goes first)
        unpause(dagId);
        awaitSuccess(dagId, runId, tasks, timeout);
    }

    /**
     * Unpauses a paused daily DAG and waits for the run that processes the data as it is now: unpausing a DAG whose
     * today's run does not exist yet makes the scheduler create it at once (catchup is off, so only that one); where
     * it exists already (an earlier test on the same stack), a manual run named {@code fallbackRunId} is triggered.
     * Fails unless the run and each of {@code tasks} succeeded; returns the run's id.
     */
    String unpauseAndRun(String dagId, String fallbackRunId, List<String> tasks, Duration timeout)
            throws IOException, InterruptedException {
        java.util.Set<String> before = runIds(dagId);
        unpause(dagId);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String runId = null;
        while (runId == null && System.nanoTime() < deadline) {
            Thread.sleep(2000);
            runId = runIds(dagId).stream().filter(id -> !before.contains(id)).findFirst().orElse(null);
        }
        if (runId == null) {
            runToSuccess(dagId, fallbackRunId, tasks, timeout);
            return fallbackRunId;
        }
        awaitSuccess(dagId, runId, tasks, timeout);
        return runId;
    }

    private java.util.Set<String> runIds(String dagId) throws IOException, InterruptedException {
        java.util.Set<String> ids = new java.util.HashSet<>();
        get("/api/v2/dags/" + dagId + "/dagRuns").body().path("dag_runs")
                .forEach(run -> ids.add(run.path("dag_run_id").asText()));
        return ids;
    }

    private void unpause(String dagId) throws IOException, InterruptedException {
        Answer unpaused = patch("/api/v2/dags/" + dagId, object().put("is_paused", false));
        assertTrue(unpaused.ok(), "unpause: HTTP " + unpaused.status() + " " + unpaused.body());
    }

    /** Waits for a run to end; fails, with the log tail of each task that did not succeed, unless all did. */
    void awaitSuccess(String dagId, String runId, List<String> tasks, Duration timeout)
            throws IOException, InterruptedException {
        long began = System.nanoTime();
        long deadline = began + timeout.toNanos();
        String state = "queued";
        String runPath = "/api/v2/dags/" + dagId + "/dagRuns/" + encode(runId);
        while (System.nanoTime() < deadline) {
            state = get(runPath).body().path("state").asText("?");
            if (state.equals("success") || state.equals("failed")) {
                break;
            }
            Thread.sleep(5000);
        }
        Map<String, String> states = taskStates(dagId, runId);
        System.out.printf("[airflow] run %s: %s in %.1f s, tasks %s%n", runId, state,
                (System.nanoTime() - began) / 1e9, states);
        Map<String, String> expected = new LinkedHashMap<>();
        tasks.forEach(task -> expected.put(task, "success"));
        if (!expected.equals(states)) {
            StringBuilder logs = new StringBuilder();
            for (Map.Entry<String, String> task : states.entrySet()) {
                if (!task.getValue().equals("success") && !task.getValue().equals("none")) {
                    logs.append("\n--- ").append(task.getKey()).append(" (").append(task.getValue()).append("):\n")
                            .append(logTail(dagId, runId, task.getKey(), 1, 25));
                }
            }
            fail("run " + runId + " ended " + state + " with tasks " + states + logs);
        }
        assertEquals("success", state, "run " + runId);
    }

    /** The task instances of a run: task id to state ("none" for a task not scheduled yet). */
    Map<String, String> taskStates(String dagId, String runId) throws IOException, InterruptedException {
        Answer answer = get("/api/v2/dags/" + dagId + "/dagRuns/" + encode(runId) + "/taskInstances");
        Map<String, String> states = new LinkedHashMap<>();
        for (JsonNode task : answer.body().path("task_instances")) {
            states.put(task.path("task_id").asText(), task.path("state").asText("none"));
        }
        return states;
    }

    /** The last lines of a task try's log, for failure messages. */
    String logTail(String dagId, String runId, String taskId, int tryNumber, int lines) {
        try {
            Answer answer = get("/api/v2/dags/" + dagId + "/dagRuns/" + encode(runId) + "/taskInstances/" + taskId
                    + "/logs/" + tryNumber + "?full_content=true");
            String text = java.util.stream.StreamSupport.stream(answer.body().path("content").spliterator(), false)
                    .map(entry -> entry.isObject() ? entry.path("event").asText() : entry.asText())
                    .collect(Collectors.joining("\n"));
            return text.lines().skip(Math.max(0, text.lines().count() - lines)).collect(Collectors.joining("\n"));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + bearer).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        JsonNode json;
        try {
            json = body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException notJson) {
            json = JSON.createObjectNode().put("detail", body);
        }
        return new Answer(response.statusCode(), json);
    }
}
