package io.lakehouse.jobs.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Parses the JSON value of a {@code shop.events} record. A record that is not a valid event is skipped, logged
 * with its text and the reason, and counted in the metric {@code malformedEvents}: one bad record must not stop the
 * stream (the reconciliation in {@code lakehouse verify} then shows produced != landed).
 */
public final class ShopEventDeserializer implements DeserializationSchema<ShopEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(ShopEventDeserializer.class);

    private transient ObjectMapper json;
    private transient Counter malformed;

    @Override
    public void open(InitializationContext context) {
        json = new ObjectMapper();
        malformed = context.getMetricGroup().counter("malformedEvents");
    }

    @Override
    public ShopEvent deserialize(byte[] message) {
        throw new UnsupportedOperationException("the collector variant is used");
    }

    @Override
    public void deserialize(byte[] message, Collector<ShopEvent> out) {
        try {
            out.collect(parse(json == null ? (json = new ObjectMapper()) : json, message));
        } catch (IOException | RuntimeException e) {
            if (malformed != null) {
                malformed.inc();
            }
            LOG.warn("skipped a malformed shop.events record ({}): {}", e.getMessage(),
                    message == null ? "<null>" : new String(message, StandardCharsets.UTF_8));
        }
    }

    static ShopEvent parse(ObjectMapper json, byte[] message) throws IOException {
        if (message == null) {
            throw new IOException("empty value");
        }
        JsonNode node = json.readTree(message);
        return new ShopEvent(text(node, "event_id"), text(node, "event_type"), number(node, "customer_id"),
                text(node, "product_sku"), text(node, "session_id"), number(node, "event_ts"));
    }

    private static String text(JsonNode node, String field) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new IOException("missing text field " + field);
        }
        return value.asText();
    }

    private static long number(JsonNode node, String field) throws IOException {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToLong()) {
            throw new IOException("missing integer field " + field);
        }
        return value.asLong();
    }

    @Override
    public boolean isEndOfStream(ShopEvent next) {
        return false;
    }

    @Override
    public TypeInformation<ShopEvent> getProducedType() {
        return TypeInformation.of(ShopEvent.class);
    }
}
