package io.lakehouse.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The engines' web UIs, loaded by headless Chromium (Selenium) as a user would: each page renders and shows the
 * registered worker or TaskManager (its id, taken from the engine's own API). Screenshots stay in
 * target/ui-screenshots/.
 */
@Order(1)
@LocalStackTest
class EngineWebUisIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration RENDER = Duration.ofSeconds(30);
    private static Browser browser;

    @BeforeAll
    static void browser() throws Exception {
        browser = Browser.start();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void sparkMasterUiListsTheAliveWorker(LocalStack stack) throws Exception {
        String url = "http://127.0.0.1:" + stack.endpoints().port("SPARK_MASTER_HTTP_PORT") + "/";
        String workerId = JSON.readTree(get(url + "json/")).get("workers").get(0).get("id").asText();
        browser.open(url).waitForText(RENDER, "Workers: 1 Alive", workerId + " ");
        browser.screenshot("spark-master", false);
    }

    @Test
    void flinkUiListsTheTaskManager(LocalStack stack) throws Exception {
        String base = "http://127.0.0.1:" + stack.endpoints().port("FLINK_JOBMANAGER_PORT") + "/";
        String taskManagerId = JSON.readTree(get(base + "taskmanagers")).get("taskmanagers").get(0).get("id").asText();
        browser.open(base + "#/task-manager").waitForText(RENDER, "Task Managers", taskManagerId);
        browser.screenshot("flink-task-managers", false);
        Matcher taskManagers = browser.open(base + "#/overview").waitForText(RENDER,
                Pattern.compile("Task Managers ?(\\d+) Running Jobs"));
        assertEquals("1", taskManagers.group(1), "TaskManagers on the overview");
        browser.screenshot("flink-overview", false);
    }

    @Test
    void trinoUiShowsTheActiveWorker(LocalStack stack) throws Exception {
        String base = "http://127.0.0.1:" + stack.endpoints().port("TRINO_PORT");
        String nodeId = JSON.readTree(get(base + "/v1/status")).get("nodeId").asText();
        Matcher activeWorkers = browser.open(base + "/ui/").waitForDom(RENDER,
                Pattern.compile("href=\"workers.html\"><span class=\"stat-text\">(\\d+)<"));
        assertEquals("1", activeWorkers.group(1), "active workers on the cluster overview");
        browser.screenshot("trino-overview", false);
        browser.open(base + "/ui/workers.html").waitForText(RENDER,
                nodeId + " 127.0.0.1 " + System.getProperty("lakehouse.it.trinoVersion") + " true active");
        browser.screenshot("trino-workers", false);
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url);
        return response.body();
    }
}
