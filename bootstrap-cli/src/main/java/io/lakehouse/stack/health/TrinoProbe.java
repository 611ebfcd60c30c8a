package io.lakehouse.stack.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakehouse.wait.RetryPolicy;
import io.lakehouse.stack.HealthProbe;
import io.lakehouse.stack.ProbeResult;
import io.lakehouse.stack.ProbeTarget;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Trino is healthy when it would run a query: {@code GET /v1/info} says {@code "starting": false} on a coordinator
 * (plugins and catalogs loaded, HTTP up), and the node has announced itself as a worker to the coordinator's
 * discovery service ({@code GET /v1/service/trino}): until then a query fails with "no nodes available".
 * Two small GETs, no query and no JDBC driver.
 */
public final class TrinoProbe implements HealthProbe {
    /** Trino without authentication wants a user name on every request but /v1/info; any name will do. */
    static final String USER = "lakehouse-probe";
    /** The probe's query, page after page (each page's GET waits for the next itself): for up to 4 s. */
    private static final RetryPolicy QUERY_FINISHED = new RetryPolicy("probe query finished", Duration.ZERO,
            Duration.ofSeconds(4));

    private final String httpPortVariable;

    public TrinoProbe(String httpPortVariable) {
        this.httpPortVariable = requireNonNull(httpPortVariable, "httpPortVariable");
    }

    @Override
    public String describe() {
        return "Trino /v1/info not starting, a worker announced, a scheduled query (tpch) answers";
    }

    /**
     * What {@code /v1/info} says against a node of this kind having started: not Trino's, still starting, or a
     * coordinator where a worker was meant (or the other way round); empty when it has started as meant.
     */
    static java.util.Optional<ProbeResult> notStartedAs(JsonNode info, String base, boolean coordinator) {
        String version = info.path("nodeVersion").path("version").asText("?");
        if (!info.path("starting").isBoolean()) {
            return java.util.Optional.of(ProbeResult.unhealthy("/v1/info at " + base + " is not Trino's (no "
                    + "'starting' field)"));
        }
        if (info.path("starting").asBoolean()) {
            return java.util.Optional.of(ProbeResult.unhealthy("Trino " + version + " is starting (loading plugins "
                    + "and catalogs)"));
        }
        if (info.path("coordinator").asBoolean(false) != coordinator) {
            return java.util.Optional.of(ProbeResult.unhealthy("Trino " + version + " at " + base + " is "
                    + (coordinator ? "not a coordinator" : "a coordinator, not a worker")));
        }
        return java.util.Optional.empty();
    }

    @Override
    public ProbeResult probe(ProbeTarget target) {
        String base = "http://" + target.address(httpPortVariable);
        try {
            JsonNode info = HttpJson.get(base + "/v1/info");
            String version = info.path("nodeVersion").path("version").asText("?");
            java.util.Optional<ProbeResult> notStarted = notStartedAs(info, base, true);
            if (notStarted.isPresent()) {
                return notStarted.get();
            }
            JsonNode workers = getAsUser(base + "/v1/service/trino").path("services");
            if (!workers.isArray() || workers.isEmpty()) {
                return ProbeResult.unhealthy("Trino " + version + " has no worker announced yet (not even itself)");
            }
            String failure = scheduledQueryFailure(base);
            if (failure != null) {
                return ProbeResult.unhealthy("Trino " + version + " cannot run a query yet: " + failure);
            }
            List<String> catalogs = new ArrayList<>();
            for (String handle : workers.get(0).path("properties").path("catalogHandleIds").asText("").split(",")) {
                String catalog = handle.split(":")[0];
                if (!catalog.isBlank() && !"system".equals(catalog)) {
                    catalogs.add(catalog);
                }
            }
            return ProbeResult.healthy("Trino " + version + ", " + workers.size() + " worker(s), catalogs "
                    + String.join(", ", catalogs));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.unhealthy("interrupted");
        } catch (Exception e) {
            return ProbeResult.unhealthy("Trino at " + base + " failed: " + Failures.message(e));
        }
    }

    /**
     * Runs a query that needs a worker through the client protocol (POST /v1/statement, then nextUri until done):
     * the node scheduler sees an announced worker a moment after discovery does. Null when it succeeded.
     */
    private static String scheduledQueryFailure(String base) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpJson.send(HttpJson.request(base + "/v1/statement")
                .header("X-Trino-User", USER)
                .POST(HttpRequest.BodyPublishers.ofString("SELECT count(*) FROM tpch.tiny.region")));
        if (response.statusCode() != 200) {
            return "HTTP " + response.statusCode() + " from /v1/statement";
        }
        JsonNode[] page = {HttpJson.parse(response.body())};
        String[] failure = {null};
        boolean finished = QUERY_FINISHED.awaitChecked(() -> {
            if (page[0].has("error")) {
                failure[0] = page[0].path("error").path("message").asText("query failed");
                return true;
            }
            if (!page[0].hasNonNull("nextUri")) {
                return true;
            }
            page[0] = getAsUser(page[0].path("nextUri").asText());
            return false;
        });
        return finished ? failure[0] : "a query did not finish within " + QUERY_FINISHED.timeout().toSeconds() + " s";
    }

    private static JsonNode getAsUser(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpJson.send(HttpJson.request(url).header("X-Trino-User", USER).GET());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " from " + url);
        }
        return HttpJson.parse(response.body());
    }
}
