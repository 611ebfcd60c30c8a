package io.lakehouse.stack.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakehouse.stack.HealthProbe;
import io.lakehouse.stack.ProbeResult;
import io.lakehouse.stack.ProbeTarget;

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
        String base = "http://" + target.address(portVariable);
        try {
            HttpResponse<String> health = HttpJson.send(HttpJson.request(base + "/health").GET());
            if (health.statusCode() != 200 || !"OK".equals(health.body().strip())) {
                return ProbeResult.unhealthy("Superset /health at " + base + " answered HTTP " + health.statusCode());
            }
            Optional<String> generated = target.secret(passwordVariable);
            if (generated.isEmpty()) {
                return ProbeResult.healthy("Superset /health OK (no " + passwordVariable
                        + " in this state directory: login not checked)");
            }
            String body = HttpJson.write(Map.of("username", user, "password", generated.get(),
                    "provider", "db", "refresh", false));
            HttpResponse<String> login = HttpJson.send(HttpJson.request(base + "/api/v1/security/login")
                    .timeout(Duration.ofSeconds(4)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            if (login.statusCode() != 200) {
                return ProbeResult.unhealthy("Superset is up but user " + user + " cannot log in: HTTP "
                        + login.statusCode() + " from /api/v1/security/login");
            }
            JsonNode access = HttpJson.parse(login.body()).path("access_token");
            if (!access.isTextual() || access.asText().isBlank()) {
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
