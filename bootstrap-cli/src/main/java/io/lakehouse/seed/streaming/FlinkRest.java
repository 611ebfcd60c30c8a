package io.lakehouse.seed.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakehouse.stack.health.TraceText;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * The Flink JobManager's REST API (the one the web UI and {@code flink run} use): jobs, jar upload and run,
 * checkpoint statistics. Errors carry Flink's own message (its {@code errors} array).
 */
public final class FlinkRest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    public FlinkRest(URI base) {
        this.base = requireNonNull(base, "base");
    }

    /** One job the cluster knows, running or terminated (a session cluster keeps terminated ones until it restarts). */
    public record JobSummary(String id, String name, String state, long startTime) {
        /** A job in one of these states is (or is about to be) running: it is not submitted again. */
        public boolean active() {
            return !List.of("FINISHED", "FAILED", "CANCELED", "SUSPENDED").contains(state);
        }
    }

    /** The latest completed checkpoint of a job, as the JobManager reports it. */
    public record CheckpointInfo(long id, long triggerTimestamp, String externalPath) {
    }

    /**
     * One failure of a job (an entry of its exception history): when, in which task, and the first line of the
     * exception ("class: message"), whose cause chain's last "Caused by" line is added when there is one.
     */
    public record JobFailure(long timestamp, String taskName, String exception) {
        public String describe() {
            return (taskName.isEmpty() ? "" : taskName + ": ") + exception;
        }
    }

    /** The job's failures, newest first, as the JobManager keeps them ({@code GET /jobs/:jobid/exceptions}). */
    public List<JobFailure> failures(String jobId) throws IOException, InterruptedException {
        List<JobFailure> failures = new ArrayList<>();
        JsonNode history = send(HttpRequest.newBuilder(uri("/jobs/" + jobId + "/exceptions?maxExceptions=20")).GET(),
                200).path("exceptionHistory").path("entries");
        for (JsonNode entry : history) {
            String exception = TraceText.summary(entry.path("stacktrace").asText(entry.path("exceptionName").asText()));
            failures.add(new JobFailure(entry.path("timestamp").asLong(), entry.path("taskName").asText(""),
                    exception));
        }
        failures.sort(Comparator.comparingLong(JobFailure::timestamp).reversed());
        return failures;
    }

    public List<JobSummary> jobs() throws IOException, InterruptedException {
        List<JobSummary> jobs = new ArrayList<>();
        for (JsonNode job : send(HttpRequest.newBuilder(uri("/jobs/overview")).GET(), 200).path("jobs")) {
            jobs.add(new JobSummary(job.path("jid").asText(), job.path("name").asText(), job.path("state").asText(),
                    job.path("start-time").asLong()));
        }
        return jobs;
    }

    public Optional<CheckpointInfo> latestCheckpoint(String jobId) throws IOException, InterruptedException {
        JsonNode completed = send(HttpRequest.newBuilder(uri("/jobs/" + jobId + "/checkpoints")).GET(), 200)
                .path("latest").path("completed");
        if (completed.isMissingNode() || completed.isNull()) {
            return Optional.empty();
        }
        return Optional.of(new CheckpointInfo(completed.path("id").asLong(), completed.path("trigger_timestamp").asLong(),
                completed.path("external_path").asText()));
    }

    /**
     * Asks the JobManager for a checkpoint now (Flink 1.19+: {@code POST /jobs/:jobid/checkpoints}), instead of
     * waiting for the next periodic one; the checkpoint is the job's configured kind. Returns the trigger's id.
     */
    public String triggerCheckpoint(String jobId) throws IOException, InterruptedException {
        JsonNode answer = send(HttpRequest.newBuilder(uri("/jobs/" + jobId + "/checkpoints"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"checkpointType\":\"CONFIGURED\"}")), 202);
        return answer.path("request-id").asText();
    }

    /** Uploads the jar; returns the id {@code /jars/:id/run} takes. */
    public String uploadJar(Path jar) throws IOException, InterruptedException {
        String boundary = "lakehouse-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(jar));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode answer = send(HttpRequest.newBuilder(uri("/jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), 200);
        String file = answer.path("filename").asText();
        if (!"success".equals(answer.path("status").asText()) || file.isEmpty()) {
            throw new IOException("Flink did not accept the jar " + jar + ": " + answer);
        }
        return Path.of(file).getFileName().toString();
    }

    /**
     * Runs a main class of an uploaded jar (the JobManager runs {@code main}, which submits the job); returns the
     * job id. {@code restoreFrom}, when present, is a retained checkpoint or savepoint the job starts from.
     */
    public String run(String jarId, String entryClass, List<String> args, Optional<String> restoreFrom)
            throws IOException, InterruptedException {
        ObjectNode request = JSON.createObjectNode();
        request.put("entryClass", entryClass);
        request.putArray("programArgsList").addAll(args.stream().map(JSON.getNodeFactory()::textNode).toList());
        restoreFrom.ifPresent(path -> request.put("savepointPath", path).put("allowNonRestoredState", false));
        JsonNode answer = send(HttpRequest.newBuilder(uri("/jars/" + jarId + "/run"))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(3))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(request))), 200);
        String jobId = answer.path("jobid").asText();
        if (jobId.isEmpty()) {
            throw new IOException("Flink ran " + entryClass + " but returned no job id: " + answer);
        }
        return jobId;
    }

    public void deleteJar(String jarId) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(uri("/jars/" + jarId)).DELETE(), 200);
    }

    public void cancel(String jobId) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(uri("/jobs/" + jobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()), 202);
    }

    private URI uri(String path) {
        return base.resolve(path);
    }

    private JsonNode send(HttpRequest.Builder request, int expected) throws IOException, InterruptedException {
        HttpRequest built = request.timeout(Duration.ofSeconds(30)).build();
        HttpResponse<String> response;
        try {
            response = http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            throw new IOException("the Flink JobManager does not answer at " + base
                    + "; start it: ./lakehouse up flink-taskmanager", e);
        }
        JsonNode body = response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        if (response.statusCode() != expected) {
            throw new IOException("Flink " + built.method() + " " + built.uri().getPath() + " answered HTTP "
                    + response.statusCode() + ": " + errors(body));
        }
        return body;
    }

    /** Flink's error answer, shortened to its first lines: the root cause is usually at the end of the first error. */
    private static String errors(JsonNode body) {
        JsonNode errors = body.path("errors");
        if (!errors.isArray() || errors.isEmpty()) {
            return body.toString();
        }
        List<String> messages = new ArrayList<>();
        errors.forEach(e -> messages.add(e.asText()));
        String all = String.join(" | ", messages);
        List<String> causes = all.lines().filter(l -> l.startsWith("Caused by:")).toList();
        String first = all.lines().findFirst().orElse(all);
        return causes.isEmpty() ? first : first + " ... " + causes.get(causes.size() - 1);
    }
}
