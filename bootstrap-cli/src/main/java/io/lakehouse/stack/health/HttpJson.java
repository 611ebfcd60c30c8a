package io.lakehouse.stack.health;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The probes' HTTP: one client with short timeouts, a GET returning JSON for services with a REST or JMX servlet, and
 * {@link #send} for probes that need their own request (headers, a POST) and status codes.
 */
final class HttpJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            // HTTP/1.1 only: the DataNode's Netty front end answers an h2c upgrade request with 400
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private HttpJson() {
    }

    static JsonNode parse(String body) throws IOException {
        return JSON.readTree(body);
    }

    static String write(Object value) throws IOException {
        return JSON.writeValueAsString(value);
    }

    /** Sends a request on the probes' client (3 s unless the request sets its own timeout); any status comes back. */
    static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3));
    }

    static JsonNode get(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build();
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " from " + url);
        }
        return JSON.readTree(response.body());
    }

    /** The first bean of a Hadoop {@code /jmx?qry=} answer. */
    static JsonNode jmxBean(String baseUrl, String query) throws IOException, InterruptedException {
        JsonNode beans = get(baseUrl + "/jmx?qry=" + URLEncoder.encode(query, StandardCharsets.UTF_8)).path("beans");
        if (!beans.isArray() || beans.isEmpty()) {
            throw new IOException("no JMX bean " + query + " at " + baseUrl);
        }
        return beans.get(0);
    }
}
