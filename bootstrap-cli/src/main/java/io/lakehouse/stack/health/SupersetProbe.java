package io.lakehouse.stack.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakehouse.stack.HealthProbe;
import io.lakehouse.stack.ProbeResult;
import io.lakehouse.stack.ProbeTarget;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Superset is healthy when its web server answers {@code GET /health} with {@code OK} and the admin account can log
 * in through the REST API ({@code POST /api/v1/security/login}, the way the platform provisions it): the first
 * proves the app is loaded, the second that the metadata database and the account the init steps made are there.
 * Without the generated password (a stack from another state directory) only the first is checked, and said so.
 */
public final class SupersetProbe implements HealthProbe {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private final String portVariable;
    private final String user;
    private final String passwordVariable;

    public SupersetProbe(String portVariable, String user, String passwordVariable) {
        this.portVariable = requireNonNull(portVariable, "portVariable");
        this.user = requireNonNull(user, "user");
        this.passwordVariable = requireNonNull(passwordVariable, "passwordVariable");
    }

    @Override
    public String describe() {
        return "Superset GET /health answers OK and user " + user + " logs in through the REST API";
    }

    @Override
    public ProbeResult probe(ProbeTarget target) {
        String base = "http://" + target.host() + ":" + target.port(portVariable);
        try {
            HttpResponse<String> health = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/health"))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (health.statusCode() != 200 || !"OK".equals(health.body().strip())) {
                return ProbeResult.unhealthy("Superset /health at " + base + " answered HTTP " + health.statusCode());
            }
            Optional<String> password = target.secret(passwordVariable);
            if (password.isEmpty()) {
                return ProbeResult.healthy("Superset /health OK (no " + passwordVariable
                        + " in this state directory: login not checked)");
            }
            String body = JSON.writeValueAsString(Map.of("username", user, "password", password.get(),
                    "provider", "db", "refresh", false));
            HttpResponse<String> login = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/security/login"))
                    .timeout(Duration.ofSeconds(4)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (login.statusCode() != 200) {
                return ProbeResult.unhealthy("Superset is up but user " + user + " cannot log in: HTTP "
                        + login.statusCode() + " from /api/v1/security/login");
            }
            JsonNode token = JSON.readTree(login.body()).path("access_token");
            if (!token.isTextual() || token.asText().isBlank()) {
                return ProbeResult.unhealthy("Superset login answered without an access token");
            }
            return ProbeResult.healthy("Superset /health OK, user " + user + " logs in through the API");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.unhealthy("interrupted");
        } catch (Exception e) {
            return ProbeResult.unhealthy("Superset at " + base + " failed: " + Failures.message(e));
        }
    }
}
