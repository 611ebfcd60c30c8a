package io.lakehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lakehouse tour ({@code notebooks/lakehouse-tour.ipynb}) on the seeded stack: executed headless with nbclient
 * from JupyterLab's own virtual environment, with the endpoints the service gives its kernels, it runs top to
 * bottom without an error and its summary line counts what Trino counts when asked directly. JupyterLab itself, in
 * headless Chromium: with the generated token it opens the notebook and renders its markdown; without it, the API
 * refuses (403) and the browser gets the login page. Screenshots stay in target/ui-screenshots/.
 */
@Order(8)
@LocalStackTest
@StackServices({"jupyter"})
class NotebookIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NOTEBOOK = "lakehouse-tour.ipynb";
    private static final List<String> MARTS = List.of("customer_lifetime_value", "daily_sales", "product_funnel");
    private static final Duration RENDER = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void seeded(LocalStack stack) {
        SeedState.ensureSeeded(stack);
    }

    @Test
    void tourRunsTopToBottomAndCountsWhatTrinoCounts(LocalStack stack) throws Exception {
        JsonNode executed = execute(stack);

        List<String> errors = new ArrayList<>();
        boolean chart = false;
        String lastStdout = "";
        for (JsonNode cell : executed.path("cells")) {
            for (JsonNode output : cell.path("outputs")) {
                switch (output.path("output_type").asText()) {
                    case "error" -> errors.add(output.path("ename").asText() + ": " + output.path("evalue").asText());
                    case "display_data", "execute_result" -> chart |= output.path("data").has("image/png");
                    case "stream" -> {
                        if ("stdout".equals(output.path("name").asText())) {
                            lastStdout = text(output.path("text"));
                        }
                    }
                    default -> { }
                }
            }
        }
        assertTrue(errors.isEmpty(), "cells failed: " + errors);
        assertTrue(chart, "the chart cell rendered no image");
        List<String> lines = lastStdout.strip().lines().toList();
        assertFalse(lines.isEmpty(), "the last cell printed nothing");
        JsonNode summary = JSON.readTree(lines.get(lines.size() - 1));

        try (Connection trino = stack.endpoints().trino(); Statement sql = trino.createStatement()) {
            Map<String, Long> martRows = new TreeMap<>();
            for (String mart : strings(sql, "SHOW TABLES FROM lakehouse.marts")) {
                martRows.put(mart, number(sql, "SELECT count(*) FROM lakehouse.marts." + mart));
            }
            assertTrue(martRows.keySet().containsAll(MARTS), "marts in Trino: " + martRows.keySet());
            MARTS.forEach(mart -> assertTrue(martRows.get(mart) > 0, "mart " + mart + " is empty: seed first"));
            assertEquals(martRows, JSON.convertValue(summary.path("mart_rows"),
                    JSON.getTypeFactory().constructMapType(TreeMap.class, String.class, Long.class)), "mart rows");
            assertEquals(number(sql, "SELECT count(DISTINCT category) FROM lakehouse.marts.daily_sales"),
                    summary.path("categories").asLong(), "categories in daily_sales");

            assertEquals("lakehouse.gold.fact_sales", summary.path("iceberg_table").asText());
            long rows = number(sql, "SELECT count(*) FROM lakehouse.gold.fact_sales");
            assertTrue(rows > 0, "gold.fact_sales is empty: seed first");
            assertEquals(rows, summary.path("trino_rows").asLong(), "rows counted through Trino");
            assertEquals(rows, summary.path("spark_rows").asLong(), "rows counted through Spark Connect");
            assertEquals(rows, summary.path("rows_at_latest_snapshot").asLong(), "rows at the latest snapshot");
            assertTrue(summary.path("spark_matches_trino").asBoolean(false), summary.toString());

            long snapshots = number(sql, "SELECT count(*) FROM lakehouse.gold.\"fact_sales$snapshots\"");
            assertEquals(snapshots, summary.path("snapshots").asLong(), "snapshots seen by Trino");
            assertEquals(snapshots, summary.path("spark_snapshots").asLong(), "snapshots seen by Spark");
            long firstSnapshot = number(sql, "SELECT snapshot_id FROM lakehouse.gold.\"fact_sales$snapshots\" "
                    + "ORDER BY committed_at LIMIT 1");
            long rowsThen = number(sql, "SELECT count(*) FROM lakehouse.gold.fact_sales FOR VERSION AS OF "
                    + firstSnapshot);
            assertEquals(rowsThen, summary.path("rows_at_first_snapshot").asLong(), "Trino's time travel");
            assertEquals(rowsThen, summary.path("spark_rows_at_first_snapshot").asLong(), "Spark's time travel");
            assertEquals(number(sql, "SELECT count(DISTINCT date_trunc('month', order_date)) "
                    + "FROM lakehouse.gold.fact_sales"), summary.path("months").asLong(), "months with sales");
        }
    }

    @Test
    void jupyterLabOpensTheNotebookWithTheToken(LocalStack stack) throws Exception {
        String base = base(stack);
        String token = stack.endpoints().secret("JUPYTER_TOKEN");
        String url = base + "/lab/tree/" + NOTEBOOK + "?token=" + token;
        try (Browser browser = Browser.start()) {
            browser.open(url).waitForDom(RENDER, renderedHeading("h1", "Lakehouse tour"));
            browser.waitForDom(RENDER, renderedHeading("h2", "1. The marts through Trino"));
            assertTrue(browser.dom().contains(NOTEBOOK), "no tab for " + NOTEBOOK);
            browser.screenshot("jupyterlab-lakehouse-tour", false);
        } finally {
            // opening the notebook started a kernel: shut it down (DELETE the sessions)
            JsonNode sessions = JSON.readTree(send(base + "/api/sessions", token, "GET").body());
            for (JsonNode session : sessions) {
                send(base + "/api/sessions/" + session.path("id").asText(), token, "DELETE");
            }
        }
    }

    @Test
    void withoutTheTokenTheServerRefusesAndShowsTheLoginPage(LocalStack stack) throws Exception {
        String base = base(stack);
        assertEquals(403, send(base + "/api/status", null, "GET").statusCode(), "the API without the token");
        assertEquals(403, send(base + "/api/contents/" + NOTEBOOK, null, "GET").statusCode(),
                "the notebook's content without the token");
        assertEquals(403, send(base + "/api/status", "not-the-token", "GET").statusCode(), "a wrong token");
        HttpResponse<String> lab = send(base + "/lab", null, "GET");
        assertEquals(302, lab.statusCode(), "/lab without the token");
        assertTrue(lab.headers().firstValue("Location").orElse("").contains("/login"), lab.headers().toString());

        try (Browser stranger = Browser.start()) {   // a profile of its own: a visitor with no token
            String page = stranger.open(base + "/lab/tree/" + NOTEBOOK).waitForText(RENDER, "Password or token", "Log in");
            assertFalse(page.contains("The marts through Trino"), "the notebook is shown without logging in");
            stranger.open(base + "/lab").waitForText(RENDER, "Log in");
            stranger.screenshot("jupyterlab-login", false);
        }
    }

    /** Runs the notebook with nbclient in JupyterLab's venv; returns the executed notebook. */
    private static JsonNode execute(LocalStack stack) throws Exception {
        Path home = stack.layout().home();
        Path venvPython = stack.layout().venv("jupyter").resolve("bin/python");
        assertTrue(Files.isExecutable(venvPython), "no JupyterLab environment at " + venvPython);
        Path runner = Path.of(NotebookIT.class.getResource("/notebooks/execute_notebook.py").toURI());
        Path work = home.resolve("integration-tests/target/notebooks");
        Path output = work.resolve("lakehouse-tour.executed.ipynb");
        Files.createDirectories(work);
        Files.deleteIfExists(output);

        ProcessBuilder builder = new ProcessBuilder(venvPython.toString(), runner.toString(),
                home.resolve("notebooks").resolve(NOTEBOOK).toString(), output.toString(), "600")
                .redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.remove("JUPYTER_TOKEN");
        // what the jupyter service gives its kernels (JupyterService), for this stack's ports
        environment.put("LAKEHOUSE_TRINO_URL", "http://127.0.0.1:" + stack.endpoints().port("TRINO_PORT"));
        environment.put("SPARK_CONNECT_URL", "sc://127.0.0.1:" + stack.endpoints().port("SPARK_CONNECT_PORT"));
        // the kernel's own folders under target/, not in the home directory
        environment.put("JUPYTER_PLATFORM_DIRS", "1");
        environment.put("JUPYTER_RUNTIME_DIR", work.resolve("runtime").toString());
        environment.put("IPYTHONDIR", work.resolve("ipython").toString());
        environment.put("MPLCONFIGDIR", work.resolve("matplotlib").toString());
        long began = System.nanoTime();
        ExternalCommand.run(builder, Duration.ofMinutes(11)).assertSucceeded("the notebook (executed copy: " + output + ")");
        System.out.printf("[notebook] %s executed in %.1f s%n", NOTEBOOK, (System.nanoTime() - began) / 1e9);
        return JSON.readTree(output.toFile());
    }

    /** A markdown heading as JupyterLab renders it: with its anchor link. */
    private static Pattern renderedHeading(String tag, String text) {
        return Pattern.compile("<" + tag + "[^>]*>(<span class=\"numbering-entry\"></span>)?" + Pattern.quote(text)
                + "<a [^>]*class=\"jp-InternalAnchorLink\"");
    }

    private static String base(LocalStack stack) {
        return "http://127.0.0.1:" + stack.endpoints().port("JUPYTER_PORT");
    }

    private static HttpResponse<String> send(String url, String token, String method) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).method(method,
                HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "token " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A notebook's multi-line text: a string, or a list of lines. */
    private static String text(JsonNode text) {
        if (text.isArray()) {
            StringBuilder joined = new StringBuilder();
            text.forEach(line -> joined.append(line.asText()));
            return joined.toString();
        }
        return text.asText();
    }

    private static long number(Statement sql, String query) throws Exception {
        try (ResultSet rows = sql.executeQuery(query)) {
            assertTrue(rows.next(), "no row from " + query);
            return rows.getLong(1);
        }
    }

    private static List<String> strings(Statement sql, String query) throws Exception {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
