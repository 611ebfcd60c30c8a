package io.lakehouse.stack.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakehouse.stack.HealthProbe;
import io.lakehouse.stack.ProbeResult;
import io.lakehouse.stack.ProbeTarget;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Jupyter's server is healthy when its REST API answers with the generated token ({@code GET /api/status}, the
 * server's start time in the body) and refuses the same request without it (403): a server that answers anyone has
 * lost its authentication, which counts as unhealthy.
 */
public final class JupyterProbe implements HealthProbe {
    private final String portVariable;
    private final String tokenVariable;

    public JupyterProbe(String portVariable, String tokenVariable) {
        this.portVariable = requireNonNull(portVariable, "portVariable");
        this.tokenVariable = requireNonNull(tokenVariable, "tokenVariable");
    }

    @Override
    public String describe() {
        return "Jupyter GET /api/status answers with the token " + tokenVariable + " and refuses without it";
    }

    @Override
    public ProbeResult probe(ProbeTarget target) {
        String url = "http://" + target.address(portVariable) + "/api/status";
        Optional<String> generated = target.secret(tokenVariable);
        if (generated.isEmpty()) {
            return ProbeResult.unhealthy("no " + tokenVariable + " among the generated values to log in with");
        }
        try {
            HttpResponse<String> withToken = get(url, generated);
            if (withToken.statusCode() != 200) {
                return ProbeResult.unhealthy("GET " + url + " with the token: HTTP " + withToken.statusCode()
                        + (withToken.statusCode() == 403 ? " (the server runs with another token)" : ""));
            }
            JsonNode status = HttpJson.parse(withToken.body());
            if (!status.hasNonNull("started")) {
                return ProbeResult.unhealthy(url + " is not Jupyter's status (no 'started' field)");
            }
            int anonymous = get(url, Optional.empty()).statusCode();
            if (anonymous != 403) {
                return ProbeResult.unhealthy("GET " + url + " without the token: HTTP " + anonymous
                        + ", expected 403: authentication is off");
            }
            return ProbeResult.healthy("Jupyter server started " + status.path("started").asText() + ", "
                    + status.path("kernels").asInt() + " kernel(s), token required");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.unhealthy("interrupted");
        } catch (Exception e) {
            return ProbeResult.unhealthy("Jupyter at " + url + " failed: " + Failures.message(e));
        }
    }

    private static HttpResponse<String> get(String url, Optional<String> authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpJson.request(url).GET();
        authorization.ifPresent(value -> request.header("Authorization", "token " + value));
        return HttpJson.send(request);
    }
}
