package io.lakehouse.seed.sample;

import static java.util.Objects.requireNonNull;

/** One clickstream event of the shop, as published to topic shop.events (key: event_id). */
public record ShopEvent(String eventId, String eventType, long customerId, String productSku, String sessionId,
                        long eventTsMillis) {
    public ShopEvent {
        requireNonNull(eventId, "eventId");
        requireNonNull(eventType, "eventType");
        requireNonNull(productSku, "productSku");
        requireNonNull(sessionId, "sessionId");
    }

    /** The topic's value: the contract's JSON, fields in this order, event_ts in epoch milliseconds (UTC). */
    public String toJson() {
        return "{\"event_id\":\"" + eventId + "\",\"event_type\":\"" + eventType + "\",\"customer_id\":" + customerId
                + ",\"product_sku\":\"" + productSku + "\",\"session_id\":\"" + sessionId + "\",\"event_ts\":"
                + eventTsMillis + "}";
    }
}
