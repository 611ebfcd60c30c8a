package io.lakehouse.superset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * A logged-in session with Superset's REST API: {@code POST /api/v1/security/login} gives a JWT (sent as a bearer
 * token), {@code GET /api/v1/security/csrf_token/} the CSRF token Superset wants on every write (with the session
 * cookie it belongs to, kept by the cookie manager). Errors carry the status, the endpoint and Superset's message.
 */
public final class SupersetApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient client;
    private final String accessToken;
    private String csrfToken;

    private SupersetApi(String baseUrl, HttpClient client, String accessToken) {
        this.baseUrl = baseUrl;
        this.client = client;
        this.accessToken = accessToken;
    }

    /** Logs in with a database account; fails with a message naming the account when Superset refuses it. */
    public static SupersetApi login(String host, int port, String user, String password)
            throws IOException, InterruptedException {
        requireNonNull(password, "password");
        String base = "http://" + host + ":" + port;
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager()).build();
        String body = JSON.writeValueAsString(Map.of("username", user, "password", password, "provider", "db",
                "refresh", false));
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/security/login"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("Superset at " + base + " refused the login of user " + user + ": HTTP "
                    + response.statusCode() + " " + brief(response.body()));
        }
        return new SupersetApi(base, client, JSON.readTree(response.body()).path("access_token").asText());
    }

    public String baseUrl() {
        return baseUrl;
    }

    public JsonNode get(String path) throws IOException, InterruptedException {
        return send("GET", path, request(path).GET(), 200);
    }

    /** {@code GET} of a list endpoint with a Rison query ({@code (filters:!((col:x,opr:eq,value:'y')))}). */
    public JsonNode list(String resource, String risonQuery) throws IOException, InterruptedException {
        return get("/api/v1/" + resource + "/?q=" + URLEncoder.encode(risonQuery, StandardCharsets.UTF_8));
    }

    public JsonNode post(String path, Object body, int expectedStatus) throws IOException, InterruptedException {
        return send("POST", path, write(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), expectedStatus);
    }

    public JsonNode put(String path, Object body) throws IOException, InterruptedException {
        return send("PUT", path, write(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), 200);
    }

    /** A multipart form upload: one file part and plain fields (Superset's import endpoints). */
    public JsonNode upload(String path, String filePart, String fileName, byte[] file, Map<String, String> fields)
            throws IOException, InterruptedException {
        String boundary = "lakehouse-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + filePart
                + "\"; filename=\"" + fileName + "\"\r\nContent-Type: application/zip\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(file);
        for (Map.Entry<String, String> field : fields.entrySet()) {
            body.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                    + "\"\r\n\r\n" + field.getValue()).getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send("POST", path, write(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), 200);
    }

    /** The first object of a list endpoint whose column equals the value, if any. */
    public Optional<JsonNode> findOne(String resource, String column, String value)
            throws IOException, InterruptedException {
        JsonNode result = list(resource, "(filters:!((col:" + column + ",opr:eq,value:'" + rison(value) + "')))")
                .path("result");
        return result.isArray() && !result.isEmpty() ? Optional.of(result.get(0)) : Optional.empty();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + accessToken);
    }

    private HttpRequest.Builder write(String path) throws IOException, InterruptedException {
        if (csrfToken == null) {
            csrfToken = get("/api/v1/security/csrf_token/").path("result").asText();
        }
        // Superset checks the referrer of writes alongside the token (Flask-WTF's strict check)
        return request(path).header("X-CSRFToken", csrfToken).header("Referer", baseUrl + "/");
    }

    private JsonNode send(String method, String path, HttpRequest.Builder request, int expectedStatus)
            throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expectedStatus) {
            throw new IOException("Superset " + method + " " + path.replaceAll("\\?.*", "") + " answered HTTP "
                    + response.statusCode() + ": " + brief(response.body()));
        }
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    /** A Rison string literal's content: quotes and bangs are escaped with a bang. */
    static String rison(String value) {
        return value.replace("!", "!!").replace("'", "!'");
    }

    private static String brief(String body) {
        String oneLine = body.replaceAll("\\s+", " ").strip();
        return oneLine.length() > 400 ? oneLine.substring(0, 400) + "…" : oneLine;
    }
}
