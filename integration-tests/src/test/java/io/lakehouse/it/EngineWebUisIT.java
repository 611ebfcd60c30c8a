package io.lakehouse.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engines' web UIs, loaded by headless Chromium as a user would: each page renders and shows the registered
 * worker or TaskManager (its id, taken from the engine's own API). Screenshots stay in target/ui-screenshots/.
 */
@Order(1)
@LocalStackTest
class EngineWebUisIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static HeadlessChromium chromium;

    @BeforeAll
    static void chromium() throws Exception {
        chromium = HeadlessChromium.find();
    }

    @Test
    void sparkMasterUiListsTheAliveWorker(LocalStack stack) throws Exception {
        String url = "http://127.0.0.1:" + stack.endpoints().port("SPARK_MASTER_HTTP_PORT") + "/";
        String workerId = JSON.readTree(get(url + "json/")).get("workers").get(0).get("id").asText();
        String page = chromium.text(url);
        assertTrue(page.contains("Workers: 1 Alive"), page);
        assertTrue(page.contains(workerId + " "), "worker " + workerId + " not on the page: " + page);
        chromium.screenshot(url, "spark-master");
    }

    @Test
    void flinkUiListsTheTaskManager(LocalStack stack) throws Exception {
        String base = "http://127.0.0.1:" + stack.endpoints().port("FLINK_JOBMANAGER_PORT") + "/";
        String taskManagerId = JSON.readTree(get(base + "taskmanagers")).get("taskmanagers").get(0).get("id").asText();
        String page = chromium.text(base + "#/task-manager");
        assertTrue(page.contains("Task Managers"), page);
        assertTrue(page.contains(taskManagerId), "TaskManager " + taskManagerId + " not on the page: " + page);
        assertTrue(chromium.text(base + "#/overview").contains("Task Managers 1"), "overview counts one TaskManager");
        chromium.screenshot(base + "#/overview", "flink-overview");
        chromium.screenshot(base + "#/task-manager", "flink-task-managers");
    }

    @Test
    void trinoUiShowsTheActiveWorker(LocalStack stack) throws Exception {
        String base = "http://127.0.0.1:" + stack.endpoints().port("TRINO_PORT");
        String nodeId = JSON.readTree(get(base + "/v1/status")).get("nodeId").asText();
        Matcher activeWorkers = Pattern.compile("href=\"workers.html\"><span class=\"stat-text\">(\\d+)<")
                .matcher(chromium.dom(base + "/ui/"));
        assertTrue(activeWorkers.find(), "the cluster overview shows no active-worker count");
        assertEquals("1", activeWorkers.group(1), "active workers on the cluster overview");
        String workers = chromium.text(base + "/ui/workers.html");
        assertTrue(workers.contains(nodeId + " 127.0.0.1 " + System.getProperty("lakehouse.it.trinoVersion") + " true active"), "node " + nodeId + " not listed: " + workers);
        chromium.screenshot(base + "/ui/", "trino-overview");
        chromium.screenshot(base + "/ui/workers.html", "trino-workers");
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url);
        return response.body();
    }
}
