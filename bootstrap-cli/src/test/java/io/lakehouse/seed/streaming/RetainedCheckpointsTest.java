package io.lakehouse.seed.streaming;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Against a small HTTP server answering WebHDFS LISTSTATUS as the NameNode does. */
class RetainedCheckpointsTest {
    private final Map<String, String> listings = new HashMap<>();
    private HttpServer server;
    private RetainedCheckpoints checkpoints;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/webhdfs/v1/", exchange -> {
            String body = listings.get(exchange.getRequestURI().getPath().substring("/webhdfs/v1".length()));
            byte[] bytes = (body == null ? "{\"RemoteException\":{}}" : body).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        checkpoints = new RetainedCheckpoints(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void list(String path, String... entries) {
        StringBuilder json = new StringBuilder("{\"FileStatuses\":{\"FileStatus\":[");
        for (int i = 0; i < entries.length; i++) {
            String[] parts = entries[i].split(":");
            json.append(i == 0 ? "" : ",").append("{\"pathSuffix\":\"").append(parts[0]).append("\",\"type\":\"")
                    .append(parts[1]).append("\",\"modificationTime\":").append(parts[2]).append('}');
        }
        listings.put(path, json.append("]}}").toString());
    }

    @Test
    void theNewestCompletedCheckpointOfAnyEarlierRunWins() throws Exception {
        String job = "/flink/checkpoints/lakehouse-events";
        list(job, "aaa:DIRECTORY:1", "bbb:DIRECTORY:2");
        list(job + "/aaa", "chk-7:DIRECTORY:10", "shared:DIRECTORY:1", "taskowned:DIRECTORY:1");
        list(job + "/aaa/chk-7", "_metadata:FILE:100");
        list(job + "/bbb", "chk-9:DIRECTORY:20", "chk-10:DIRECTORY:30");
        list(job + "/bbb/chk-9", "_metadata:FILE:200");
        // chk-10 was being written when the job died: no metadata, not complete
        list(job + "/bbb/chk-10", "op-state:FILE:300");
        assertEquals(Optional.of(new RetainedCheckpoints.Retained("bbb/chk-9", 200)), checkpoints.latest(job));
    }

    @Test
    void aJobThatNeverCheckpointedHasNone() throws Exception {
        assertEquals(Optional.empty(), checkpoints.latest("/flink/checkpoints/never"));
    }
}
