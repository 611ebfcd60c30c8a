package io.lakehouse.stack.health;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakehouse.stack.HealthProbe;
import io.lakehouse.stack.ProbeResult;
import io.lakehouse.stack.ProbeTarget;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static java.util.Objects.requireNonNull;

/**
 * The Spark Connect server is healthy when its driver's REST API lists the running application and its gRPC port
 * answers the HTTP/2 connection preface with a SETTINGS frame (gRPC runs over HTTP/2; the server's SETTINGS is the
 * first thing a gRPC server sends, so an open port that is not an HTTP/2 server fails). The CLI carries no gRPC
 * stack, so no RPC is called.
 */
public final class SparkConnectProbe implements HealthProbe {
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /** An empty SETTINGS frame: length 0, type 4, no flags, stream 0. */
    private static final byte[] EMPTY_SETTINGS = {0, 0, 0, 4, 0, 0, 0, 0, 0};
    /** GOAWAY, last stream 0, NO_ERROR: a polite goodbye so the server logs no protocol error. */
    private static final byte[] GOAWAY = {0, 0, 8, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final int SETTINGS = 4;

    private final String grpcPortVariable;
    private final String uiPortVariable;

    public SparkConnectProbe(String grpcPortVariable, String uiPortVariable) {
        this.grpcPortVariable = requireNonNull(grpcPortVariable, "grpcPortVariable");
        this.uiPortVariable = requireNonNull(uiPortVariable, "uiPortVariable");
    }

    @Override
    public String describe() {
        return "Spark Connect application running (driver REST API) and HTTP/2 (gRPC) on its port";
    }

    @Override
    public ProbeResult probe(ProbeTarget target) {
        String api = "http://" + target.address(uiPortVariable) + "/api/v1/applications";
        try {
            JsonNode apps = HttpJson.get(api);
            if (!apps.isArray() || apps.isEmpty()) {
                return ProbeResult.unhealthy("the driver lists no application yet");
            }
            String appId = apps.get(0).path("id").asText();
            int executors = 0;
            for (JsonNode executor : HttpJson.get(api + "/" + appId + "/executors")) {
                if (!"driver".equals(executor.path("id").asText()) && executor.path("isActive").asBoolean()) {
                    executors++;
                }
            }
            int port = target.port(grpcPortVariable);
            http2Handshake(target.hostOf(grpcPortVariable), port);
            return ProbeResult.healthy("sc://" + target.address(grpcPortVariable) + " answers HTTP/2, application "
                    + appId + " with " + executors + " executor(s)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.unhealthy("interrupted");
        } catch (Exception e) {
            return ProbeResult.unhealthy("Spark Connect check failed: " + Failures.message(e));
        }
    }

    private static void http2Handshake(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2000);
            socket.setSoTimeout(3000);
            OutputStream out = socket.getOutputStream();
            out.write(PREFACE);
            out.write(EMPTY_SETTINGS);
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] header = new byte[9];
            in.readFully(header);
            int type = header[3] & 0xff;
            if (type != SETTINGS) {
                throw new IOException("gRPC port " + port + " answered the HTTP/2 preface with frame type " + type
                        + ", not SETTINGS");
            }
            out.write(GOAWAY);
            out.flush();
        }
    }
}
