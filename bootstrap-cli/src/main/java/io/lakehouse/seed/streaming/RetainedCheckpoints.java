package io.lakehouse.seed.streaming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Finds a job's latest retained checkpoint on HDFS through WebHDFS ({@code LISTSTATUS}): the jobs keep their
 * checkpoints when they fail or are cancelled, under {@code <root>/<job name>/<job id>/chk-<n>/_metadata}. Looking on
 * HDFS rather than asking the JobManager also finds the checkpoints of jobs from before a JobManager restart.
 */
public final class RetainedCheckpoints {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CHECKPOINT = Pattern.compile("chk-(\\d+)");

    private final URI webHdfs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();

    /** @param webHdfs the NameNode's HTTP address, e.g. {@code http://127.0.0.1:9870} */
    public RetainedCheckpoints(URI webHdfs) {
        this.webHdfs = requireNonNull(webHdfs, "webHdfs");
    }

    /** A completed checkpoint: its folder relative to the job's checkpoint directory and when it was written. */
    public record Retained(String relativePath, long writtenAt) {
    }

    /** The latest completed checkpoint under {@code jobDir} (an HDFS path such as /flink/checkpoints/NAME). */
    public Optional<Retained> latest(String jobDir) throws IOException, InterruptedException {
        Retained latest = null;
        for (JsonNode run : list(jobDir)) {
            if (!"DIRECTORY".equals(run.path("type").asText())) {
                continue;
            }
            String runDir = jobDir + "/" + run.path("pathSuffix").asText();
            for (JsonNode checkpoint : list(runDir)) {
                Matcher name = CHECKPOINT.matcher(checkpoint.path("pathSuffix").asText());
                if (!name.matches()) {
                    continue;
                }
                // only a checkpoint whose metadata was written is complete
                for (JsonNode file : list(runDir + "/" + name.group())) {
                    if ("_metadata".equals(file.path("pathSuffix").asText())) {
                        long writtenAt = file.path("modificationTime").asLong();
                        if (latest == null || writtenAt > latest.writtenAt()) {
                            latest = new Retained(run.path("pathSuffix").asText() + "/" + name.group(), writtenAt);
                        }
                    }
                }
            }
        }
        return Optional.ofNullable(latest);
    }

    /** Deletes every checkpoint under {@code jobDir} (seed --reset: the next run starts from nothing). */
    public void deleteAll(String jobDir) throws IOException, InterruptedException {
        URI uri = webHdfs.resolve("/webhdfs/v1" + jobDir + "?op=DELETE&recursive=true&user.name="
                + System.getProperty("user.name", "root"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 && response.statusCode() != 404) {
            throw new IOException("WebHDFS DELETE " + jobDir + " answered HTTP " + response.statusCode() + ": "
                    + response.body());
        }
    }

    private Iterable<JsonNode> list(String path) throws IOException, InterruptedException {
        URI uri = webHdfs.resolve("/webhdfs/v1" + path + "?op=LISTSTATUS");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return JSON.createArrayNode();
        }
        if (response.statusCode() != 200) {
            throw new IOException("WebHDFS LISTSTATUS " + path + " answered HTTP " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body()).path("FileStatuses").path("FileStatus");
    }
}
