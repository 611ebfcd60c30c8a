package io.lakehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A headless Chromium page driven over the Chrome DevTools Protocol, for UIs that need more than loading a URL
 * (a login form, a single-page app that renders after its API calls). Small on purpose:
 * <pre>
 * try (BrowserSession browser = BrowserSession.start()) {
 *     browser.navigate(base + "/login/");
 *     browser.waitFor("document.querySelector('#username') !== null", Duration.ofSeconds(30));
 *     browser.type("#username", "admin");                 // focus + Input.insertText, as typing does
 *     browser.click("[data-test=login-button]");
 *     browser.waitFor("location.pathname.startsWith('/superset/welcome')", Duration.ofSeconds(30));
 *     String text = browser.evaluate("document.body.innerText").asText();
 *     browser.screenshot("superset-dashboard", true);     // target/ui-screenshots/superset-dashboard.png
 * }
 * </pre>
 * Chromium runs with {@code --remote-debugging-port=0} and a throw-away profile; the session talks to one page target
 * through a {@link java.net.http.WebSocket}. Every call waits for its answer (a protocol error fails the test with
 * Chromium's message); {@link #close()} ends the browser and deletes the profile.
 */
final class BrowserSession implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DEVTOOLS_URL = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final Process chromium;
    private final Path profile;
    private final Path screenshots;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private BrowserSession(Process chromium, Path profile, Path screenshots, WebSocket socket) {
        this.chromium = chromium;
        this.profile = profile;
        this.screenshots = screenshots;
        this.socket = socket;
    }

    /** Starts headless Chromium (Debian's, on the PATH) with a 1400×900 window and opens one blank page. */
    static BrowserSession start() throws Exception {
        Path binary = HeadlessChromium.binary();
        Path screenshots = HeadlessChromium.screenshotDir();
        Path profile = Files.createTempDirectory("lakehouse-chromium-");
        Process process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1400,900", "--no-first-run",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--user-data-dir=" + profile,
                "about:blank").redirectErrorStream(true).start();
        try {
            String browserUrl = devToolsUrl(process);
            // the page target's socket: the HTTP endpoint beside the browser's lists the open page
            URI endpoint = URI.create(browserUrl.replaceFirst("^ws://([^/]+)/.*", "http://$1/json/list"));
            HttpClient http = HttpClient.newHttpClient();
            JsonNode page = null;
            for (JsonNode target : JSON.readTree(http.send(HttpRequest.newBuilder(endpoint).build(),
                    HttpResponse.BodyHandlers.ofString()).body())) {
                if ("page".equals(target.path("type").asText())) {
                    page = target;
                }
            }
            if (page == null) {
                throw new AssertionError("Chromium opened no page target at " + endpoint);
            }
            Listener listener = new Listener();
            WebSocket socket = http.newWebSocketBuilder().buildAsync(
                    URI.create(page.path("webSocketDebuggerUrl").asText()), listener).get(20, TimeUnit.SECONDS);
            BrowserSession session = new BrowserSession(process, profile, screenshots, socket);
            listener.session = session;
            session.call("Page.enable", JSON.createObjectNode());
            session.call("Runtime.enable", JSON.createObjectNode());
            return session;
        } catch (Exception | AssertionError e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Loads the URL and waits until the document has loaded (scripts may go on rendering: use {@link #waitFor}). */
    void navigate(String url) throws Exception {
        JsonNode result = call("Page.navigate", JSON.createObjectNode().put("url", url));
        if (result.hasNonNull("errorText")) {
            throw new AssertionError("Chromium could not load " + url + ": " + result.path("errorText").asText());
        }
        waitFor("document.readyState === 'complete' && location.href !== 'about:blank'", Duration.ofSeconds(60));
    }

    /** Evaluates a JavaScript expression in the page (promises awaited) and returns its value as JSON. */
    JsonNode evaluate(String expression) throws Exception {
        JsonNode result = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new AssertionError("script failed in the page: " + expression + ": "
                    + result.path("exceptionDetails").path("exception").path("description")
                    .asText(result.path("exceptionDetails").path("text").asText()));
        }
        return result.path("result").path("value");
    }

    /** Waits until the expression is true in the page; fails naming the condition (and what the page shows). */
    void waitFor(String condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (evaluate("Boolean(" + condition + ")").asBoolean(false)) {
                    return;
                }
            } catch (AssertionError pageBetweenDocuments) {
                // during a navigation the old document's context is gone; try again in the new one
            }
            if (System.nanoTime() > deadline) {
                String text = evaluate("document.body ? document.body.innerText.slice(0, 500) : ''").asText();
                throw new AssertionError("waited " + timeout.toSeconds() + " s for " + condition + " at "
                        + evaluate("location.href").asText() + "; the page shows: " + text);
            }
            Thread.sleep(250);
        }
    }

    /** Focuses the element and types the text into it, as a keyboard would (frameworks see real input events). */
    void type(String cssSelector, String text) throws Exception {
        focus(cssSelector);
        call("Input.insertText", JSON.createObjectNode().put("text", text));
    }

    /** Clicks the element (a DOM click, which submits forms and fires the framework's handlers). */
    void click(String cssSelector) throws Exception {
        evaluate("(() => { const e = document.querySelector(" + JSON.writeValueAsString(cssSelector) + ");"
                + " if (!e) throw new Error('no element ' + " + JSON.writeValueAsString(cssSelector) + "); e.click(); })()");
    }

    /** Saves a PNG of the page (the visible part, or all of it) as {@code target/ui-screenshots/<name>.png}. */
    Path screenshot(String name, boolean fullPage) throws Exception {
        ObjectNode params = JSON.createObjectNode().put("format", "png");
        if (fullPage) {
            JsonNode size = call("Page.getLayoutMetrics", JSON.createObjectNode()).path("cssContentSize");
            params.put("captureBeyondViewport", true).putObject("clip").put("x", 0).put("y", 0)
                    .put("width", size.path("width").asDouble()).put("height", size.path("height").asDouble())
                    .put("scale", 1);
        }
        JsonNode shot = call("Page.captureScreenshot", params);
        Path file = screenshots.resolve(name + ".png");
        Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
        return file;
    }

    private void focus(String cssSelector) throws Exception {
        evaluate("(() => { const e = document.querySelector(" + JSON.writeValueAsString(cssSelector) + ");"
                + " if (!e) throw new Error('no element ' + " + JSON.writeValueAsString(cssSelector) + "); e.focus(); })()");
    }

    /** Sends one protocol command and waits for its result. */
    JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        synchronized (socket) {
            socket.sendText(JSON.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
        }
        JsonNode response = answer.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (response.has("error")) {
            throw new AssertionError("Chromium refused " + method + ": " + response.path("error").path("message").asText());
        }
        return response.path("result");
    }

    @Override
    public void close() throws Exception {
        try {
            socket.abort();
        } finally {
            chromium.destroy();
            if (!chromium.waitFor(10, TimeUnit.SECONDS)) {
                chromium.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static String devToolsUrl(Process process) throws Exception {
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> url = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = output.readLine()) != null) {
                    Matcher matcher = DEVTOOLS_URL.matcher(line);
                    if (matcher.find()) {
                        return matcher.group(1);
                    }
                }
                throw new IllegalStateException("Chromium exited without a DevTools endpoint");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        String found = url.get(30, TimeUnit.SECONDS);
        // keep draining Chromium's output so it never blocks on a full pipe
        Thread drain = new Thread(() -> {
            try {
                while (output.readLine() != null) {
                    // discarded: Chromium's own warnings
                }
            } catch (IOException ignored) {
                // the browser is gone
            }
        }, "chromium-output");
        drain.setDaemon(true);
        drain.start();
        return found;
    }

    /** Collects (possibly fragmented) text frames and completes the pending call each answer belongs to. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder frame = new StringBuilder();
        private volatile BrowserSession session;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            frame.append(data);
            if (last) {
                String text = frame.toString();
                frame.setLength(0);
                try {
                    JsonNode message = JSON.readTree(text);
                    if (message.has("id") && session != null) {
                        CompletableFuture<JsonNode> answer = session.pending.remove(message.path("id").asInt());
                        if (answer != null) {
                            answer.complete(message);
                        }
                    }
                } catch (IOException e) {
                    // not JSON: nothing waits for it
                }
            }
            webSocket.request(1);
            return null;
        }
    }
}
