package io.lakehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakehouse.bootstrap.SupersetStep;
import io.lakehouse.stack.services.SupersetService;
import io.lakehouse.superset.SupersetApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Superset on the local runtime, provisioned the way {@code up} does it ({@code lakehouse bootstrap}): the dashboard
 * "Lakehouse sales" is listed through the REST API, and each of its charts' data ({@code /api/v1/chart/{id}/data/},
 * the query the chart saved) equals what Trino answers for the same question over the same mart table (the dataset's
 * own schema and table, read from Superset). The chart-data latency is measured (median of 20, printed, not
 * asserted). Then headless Chromium logs in through the real login form and the dashboard renders its chart titles;
 * screenshots stay in target/ui-screenshots/.
 */
@Order(8)
@LocalStackTest
@StackServices({"superset"})
class SupersetIT {
    private static final int LATENCY_SAMPLES = 20;
    private static SupersetApi api;
    private static JsonNode dashboard;

    @BeforeAll
    static void provisioned(LocalStack stack) throws Exception {
        SeedState.ensureSeeded(stack);
        Cli.Run bootstrap = Cli.run(stack.layout().stateDir(), stack.portOverrides(), "bootstrap");
        assertEquals(0, bootstrap.exit(), bootstrap.out() + bootstrap.err());
        assertTrue(bootstrap.out().contains("dashboard " + SupersetStep.DASHBOARD), bootstrap.out());
        api = SupersetApi.login("127.0.0.1", stack.endpoints().port("SUPERSET_PORT"), SupersetService.ADMIN_USER,
                stack.endpoints().secret(SupersetService.ADMIN_PASSWORD));
        dashboard = api.findOne("dashboard", "dashboard_title", SupersetStep.DASHBOARD)
                .orElseThrow(() -> new AssertionError("no dashboard '" + SupersetStep.DASHBOARD + "' after bootstrap"));
    }

    @Test
    void everyChartOfTheDashboardAnswersWhatTrinoAnswersOverTheMarts(LocalStack stack) throws Exception {
        JsonNode charts = api.get("/api/v1/dashboard/" + dashboard.path("id").asInt() + "/charts").path("result");
        Map<String, Integer> chartIds = new TreeMap<>();
        charts.forEach(chart -> chartIds.put(chart.path("slice_name").asText(), chart.path("id").asInt()));
        assertTrue(chartIds.keySet().containsAll(List.of("Total revenue", "Revenue per day", "Revenue by category",
                "Top customers by lifetime value")), "charts on the dashboard: " + chartIds.keySet());

        Map<String, String> latencies = new LinkedHashMap<>();
        try (Connection trino = stack.endpoints().trino(); Statement sql = trino.createStatement()) {
            for (Map.Entry<String, Integer> chart : chartIds.entrySet()) {
                JsonNode result = chartData(chart.getValue(), false);
                List<JsonNode> rows = new ArrayList<>();
                result.path("data").forEach(rows::add);
                String table = martTableOf(chart.getValue());
                switch (chart.getKey()) {
                    case "Total revenue" -> {
                        assertEquals(1, rows.size(), "big number rows");
                        assertMoney(single(sql, "SELECT sum(revenue) FROM " + table),
                                rows.get(0).path("total_revenue"), chart.getKey());
                    }
                    case "Revenue per day" -> {
                        assertEquals(Long.parseLong(single(sql, "SELECT count(DISTINCT sales_date) FROM " + table)),
                                rows.size(), "days in " + chart.getKey());
                        assertMoney(single(sql, "SELECT sum(revenue) FROM " + table), sum(rows, "total_revenue"),
                                chart.getKey());
                    }
                    case "Revenue by category" -> {
                        Map<String, BigDecimal> expected = pairs(sql, "SELECT category, sum(revenue) FROM " + table
                                + " GROUP BY category");
                        Map<String, BigDecimal> actual = new TreeMap<>();
                        rows.forEach(r -> actual.put(r.path("category").asText(), money(r.path("total_revenue"))));
                        assertEquals(expected, actual, chart.getKey());
                    }
                    case "Top customers by lifetime value" -> {
                        List<BigDecimal> expected = column(sql, "SELECT revenue FROM " + table
                                + " ORDER BY revenue DESC LIMIT 10");
                        List<BigDecimal> actual = rows.stream().map(r -> money(r.path("revenue"))).toList();
                        assertEquals(expected, actual, chart.getKey() + ": the ten highest revenues, in order");
                        assertTrue(rows.stream().noneMatch(r -> r.path("customer_name").asText().isBlank()),
                                "every top customer has a name: " + rows);
                    }
                    case "Product funnel by category" -> {
                        Map<String, BigDecimal> expected = pairs(sql, "SELECT category, sum(views) FROM " + table
                                + " GROUP BY category");
                        Map<String, BigDecimal> actual = new TreeMap<>();
                        rows.forEach(r -> actual.put(r.path("category").asText(), money(r.path("total_views"))));
                        assertEquals(expected, actual, chart.getKey() + ": views per category");
                        assertMoney(single(sql, "SELECT sum(purchases) FROM " + table), sum(rows, "total_purchases"),
                                chart.getKey() + ": purchases");
                    }
                    default -> throw new AssertionError("chart '" + chart.getKey() + "' has no check here: add one");
                }
                latencies.put(chart.getKey(), latency(chart.getValue()));
            }
        }
        System.out.println("Superset chart-data latency, median of " + LATENCY_SAMPLES
                + " requests (cached: Superset's result cache; forced: each one a Trino query):");
        latencies.forEach((chart, latency) -> System.out.printf("  %-34s %s%n", chart, latency));
    }

    @Test
    void theDashboardRendersItsChartsAfterLoggingInThroughTheForm(LocalStack stack) throws Exception {
        String base = "http://127.0.0.1:" + stack.endpoints().port("SUPERSET_PORT");
        List<String> titles = new ArrayList<>();
        api.get("/api/v1/dashboard/" + dashboard.path("id").asInt() + "/charts").path("result")
                .forEach(chart -> titles.add(chart.path("slice_name").asText()));
        try (Browser browser = Browser.start()) {
            browser.open(base + "/login/");
            browser.waitFor("document.querySelector('[data-test=login-button]') !== null", Duration.ofSeconds(60));
            // The login page logs its own visit about a second after it renders (a beacon to /superset/log/, sent as
            // the anonymous visitor). Its answer sets the anonymous session cookie again: when it arrives after the
            // login's answer, the login is forgotten and the next page sends the visitor back to /login/ (seen in CI
            // on a loaded machine: ".../login/?next=/superset/welcome/"). A person takes longer than that to type;
            // the test waits for that answer too (or 15 s, should a later Superset not send it).
            browser.waitFor("performance.now() > 15000 || performance.getEntriesByType('resource')"
                    + ".some(e => e.name.includes('/superset/log/') && e.responseEnd > 0)", Duration.ofSeconds(30));
            browser.type("#username", SupersetService.ADMIN_USER);
            browser.type("#password", stack.endpoints().secret(SupersetService.ADMIN_PASSWORD));
            browser.screenshot("superset-login", false);
            browser.click("[data-test=login-button]");
            browser.waitFor("!location.pathname.startsWith('/login')", Duration.ofSeconds(60));

            browser.open(base + "/superset/dashboard/" + dashboard.path("id").asInt() + "/");
            String allTitlesShown = "(() => { const t = document.body.innerText; return "
                    + String.join(" && ", titles.stream().map(title -> "t.includes(" + quoted(title) + ")").toList())
                    + "; })()";
            browser.waitFor(allTitlesShown, Duration.ofSeconds(120));
            // the charts' own content, once every query came back: ECharts canvases (line and bars), the table's rows,
            // and the big number showing the total the API returns, formatted as the chart says (,.2f)
            BigDecimal total = money(chartData(chartIdOf("Total revenue"), false).path("data").get(0)
                    .path("total_revenue"));
            String totalShown = String.format(java.util.Locale.US, "%,.2f", total);
            browser.waitFor("!document.body.innerText.includes('Waiting on')"
                    + " && document.querySelectorAll('canvas').length >= 3"
                    + " && document.querySelectorAll('table tbody tr').length >= 1"
                    + " && document.body.innerText.includes(" + quoted(totalShown) + ")", Duration.ofSeconds(120));
            String text = String.valueOf(browser.evaluate("return document.body.innerText"));
            Path screenshot = browser.screenshot("superset-dashboard", true);
            assertTrue(text.contains(SupersetStep.DASHBOARD), "dashboard title not on the page: " + text);
            titles.forEach(title -> assertTrue(text.contains(title), "chart '" + title + "' not rendered: " + text));
            assertTrue(!text.contains("Unexpected error") && !text.contains("Data error"),
                    "a chart shows an error: " + text);
            assertTrue(Files.size(screenshot) > 20_000, "screenshot is empty: " + screenshot);
        }
    }

    private static int chartIdOf(String title) throws Exception {
        for (JsonNode chart : api.get("/api/v1/dashboard/" + dashboard.path("id").asInt() + "/charts").path("result")) {
            if (title.equals(chart.path("slice_name").asText())) {
                return chart.path("id").asInt();
            }
        }
        throw new AssertionError("no chart '" + title + "' on the dashboard");
    }

    private static JsonNode chartData(int chartId, boolean force) throws Exception {
        JsonNode result = api.get("/api/v1/chart/" + chartId + "/data/" + (force ? "?force=true" : ""))
                .path("result").get(0);
        assertTrue(result.path("error").isNull() || result.path("error").isMissingNode(),
                "chart " + chartId + " failed: " + result.path("error"));
        return result;
    }

    /** The mart table the chart's dataset reads, as Trino names it (catalog lakehouse). */
    private static String martTableOf(int chartId) throws Exception {
        // the chart's form data names its dataset as "<id>__table"
        String datasource = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(api.get("/api/v1/chart/" + chartId).path("result").path("params").asText())
                .path("datasource").asText();
        int datasetId = Integer.parseInt(datasource.split("__")[0]);
        JsonNode dataset = api.get("/api/v1/dataset/" + datasetId).path("result");
        return "lakehouse." + dataset.path("schema").asText() + "." + dataset.path("table_name").asText();
    }

    private static String latency(int chartId) throws Exception {
        return "cached " + median(chartId, false) + " ms, forced " + median(chartId, true) + " ms";
    }

    private static long median(int chartId, boolean force) throws Exception {
        long[] millis = new long[LATENCY_SAMPLES];
        for (int i = 0; i < millis.length; i++) {
            long began = System.nanoTime();
            chartData(chartId, force);
            millis[i] = (System.nanoTime() - began) / 1_000_000;
        }
        Arrays.sort(millis);
        return (millis[LATENCY_SAMPLES / 2 - 1] + millis[LATENCY_SAMPLES / 2]) / 2;
    }

    private static String single(Statement sql, String query) throws Exception {
        try (ResultSet rows = sql.executeQuery(query)) {
            assertTrue(rows.next(), "no row from " + query);
            return rows.getString(1);
        }
    }

    private static Map<String, BigDecimal> pairs(Statement sql, String query) throws Exception {
        Map<String, BigDecimal> values = new TreeMap<>();
        try (ResultSet rows = sql.executeQuery(query)) {
            while (rows.next()) {
                values.put(rows.getString(1), new BigDecimal(rows.getString(2)).setScale(2, RoundingMode.HALF_UP));
            }
        }
        assertTrue(!values.isEmpty(), "the mart is empty (" + query + "): run 'lakehouse seed' first");
        return values;
    }

    private static List<BigDecimal> column(Statement sql, String query) throws Exception {
        List<BigDecimal> values = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery(query)) {
            while (rows.next()) {
                values.add(new BigDecimal(rows.getString(1)).setScale(2, RoundingMode.HALF_UP));
            }
        }
        assertTrue(!values.isEmpty(), "the mart is empty (" + query + "): run 'lakehouse seed' first");
        return values;
    }

    private static BigDecimal sum(List<JsonNode> rows, String field) {
        return rows.stream().map(r -> money(r.path(field))).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal money(JsonNode value) {
        assertTrue(value.isNumber(), "not a number: " + value);
        return value.decimalValue().setScale(2, RoundingMode.HALF_UP);
    }

    private static void assertMoney(String expected, JsonNode actual, String what) {
        assertMoney(expected, money(actual), what);
    }

    private static void assertMoney(String expected, BigDecimal actual, String what) {
        assertEquals(new BigDecimal(expected).setScale(2, RoundingMode.HALF_UP), actual, what);
    }

    private static String quoted(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
