package io.lakehouse.jobs.flink;

import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * One clickstream event of topic {@code shop.events} (contracts.md):
 * {@code {"event_id":"e-00000001","event_type":"page_view","customer_id":17,"product_sku":"SKU-00042",
 * "session_id":"s-000123","event_ts":1762000000000}}, {@code event_ts} in epoch milliseconds (UTC).
 */
public record ShopEvent(String eventId, String eventType, long customerId, String productSku, String sessionId,
                        long eventTsMillis) {
    public static final String PAGE_VIEW = "page_view";
    public static final String ADD_TO_CART = "add_to_cart";
    public static final String PURCHASE = "purchase";
    public static final Set<String> TYPES = Set.of(PAGE_VIEW, ADD_TO_CART, PURCHASE);

    public ShopEvent {
        requireNonNull(eventId, "event_id");
        requireNonNull(eventType, "event_type");
        requireNonNull(productSku, "product_sku");
        requireNonNull(sessionId, "session_id");
        if (!TYPES.contains(eventType)) {
            throw new IllegalArgumentException("event_type '" + eventType + "' is not one of " + TYPES);
        }
    }
}
