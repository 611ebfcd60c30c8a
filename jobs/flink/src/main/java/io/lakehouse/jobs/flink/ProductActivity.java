package io.lakehouse.jobs.flink;

import static java.util.Objects.requireNonNull;

/**
 * Absolute totals per product (serving.product_activity): counts by event type and the latest event time. The
 * result of a set of events does not depend on their order, so a replay after a restart ends at the same row.
 */
public record ProductActivity(String productSku, long views, long addToCarts, long purchases, long lastEventTsMillis) {
    public ProductActivity {
        requireNonNull(productSku, "productSku");
    }

    public static ProductActivity empty(String productSku) {
        return new ProductActivity(productSku, 0, 0, 0, Long.MIN_VALUE);
    }

    public ProductActivity add(ShopEvent event) {
        if (!event.productSku().equals(productSku)) {
            throw new IllegalArgumentException("event of " + event.productSku() + " added to " + productSku);
        }
        return new ProductActivity(productSku,
                views + (ShopEvent.PAGE_VIEW.equals(event.eventType()) ? 1 : 0),
                addToCarts + (ShopEvent.ADD_TO_CART.equals(event.eventType()) ? 1 : 0),
                purchases + (ShopEvent.PURCHASE.equals(event.eventType()) ? 1 : 0),
                Math.max(lastEventTsMillis, event.eventTsMillis()));
    }
}
