package io.lakehouse.jobs.flink;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShopEventDeserializerTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parsesTheContractsExample() throws IOException {
        ShopEvent event = ShopEventDeserializer.parse(new ObjectMapper(), utf8(
                "{\"event_id\":\"e-00000001\",\"event_type\":\"page_view\",\"customer_id\":17,"
                        + "\"product_sku\":\"SKU-00042\",\"session_id\":\"s-000123\",\"event_ts\":1762000000000}"));
        assertEquals(new ShopEvent("e-00000001", "page_view", 17, "SKU-00042", "s-000123", 1762000000000L), event);
    }

    @Test
    void rejectsMissingFieldsAndUnknownTypes() {
        ObjectMapper json = new ObjectMapper();
        assertThrows(IOException.class, () -> ShopEventDeserializer.parse(json, utf8("{\"event_id\":\"e\"}")));
        assertThrows(IllegalArgumentException.class, () -> ShopEventDeserializer.parse(json, utf8(
                "{\"event_id\":\"e\",\"event_type\":\"click\",\"customer_id\":1,\"product_sku\":\"S\","
                        + "\"session_id\":\"s\",\"event_ts\":1}")));
        assertThrows(IOException.class, () -> ShopEventDeserializer.parse(json, utf8("not json")));
    }

    @Test
    void aMalformedRecordIsSkippedNotFatal() {
        List<ShopEvent> out = new ArrayList<>();
        new ShopEventDeserializer().deserialize(utf8("{broken"), new org.apache.flink.util.Collector<>() {
            @Override
            public void collect(ShopEvent record) {
                out.add(record);
            }

            @Override
            public void close() {
            }
        });
        assertTrue(out.isEmpty());
    }
}
