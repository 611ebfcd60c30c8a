package io.lakehouse.bootstrap;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KafkaConnectRestTest {
    @Test
    void aRequestWaitsOutTheGroupsRebalanceThenGetsItsAnswer() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HttpServer worker = worker(exchangeNumber -> exchangeNumber <= 2
                ? new Answer(500, "{\"error_code\":500,\"message\":\"Request cannot be completed because a rebalance is expected\"}")
                : new Answer(200, "{\"name\":\"shop-cdc\",\"tasks.max\":\"1\"}"), calls);
        try {
            Optional<Map<String, String>> config = new KafkaConnectRest("127.0.0.1", worker.getAddress().getPort())
                    .config("shop-cdc");
            assertEquals(Optional.of(Map.of("name", "shop-cdc", "tasks.max", "1")), config);
            assertEquals(3, calls.get(), "asked again while the group rebalanced");
        } finally {
            worker.stop(0);
        }
    }

    @Test
    void anotherServerErrorIsReportedAtOnceWithConnectsMessage() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HttpServer worker = worker(n -> new Answer(500, "{\"error_code\":500,\"message\":\"broken\"}"), calls);
        try {
            java.io.IOException e = assertThrows(java.io.IOException.class,
                    () -> new KafkaConnectRest("127.0.0.1", worker.getAddress().getPort()).config("shop-cdc"));
            assertTrue(e.getMessage().endsWith("answered HTTP 500: broken"), e.getMessage());
            assertEquals(1, calls.get());
        } finally {
            worker.stop(0);
        }
    }

    private record Answer(int status, String body) {
    }

    private static HttpServer worker(java.util.function.IntFunction<Answer> answers, AtomicInteger calls)
            throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Answer answer = answers.apply(calls.incrementAndGet());
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }
}
