package io.lakehouse.jobs.flink;

/**
 * Absolute totals per customer (serving.customer_activity): number of events, and the time and type of the latest
 * event. "Latest" is the greatest (event_ts, event_id), so ties are broken the same way whatever the arrival order,
 * and Trino can compute the same value: {@code max_by(event_type, (event_ts, event_id))}.
 */
public record CustomerActivity(long customerId, long events, long lastEventTsMillis, String lastEventType,
                               String lastEventId) {

    public static CustomerActivity empty(long customerId) {
        return new CustomerActivity(customerId, 0, Long.MIN_VALUE, null, null);
    }

    public CustomerActivity add(ShopEvent event) {
        if (event.customerId() != customerId) {
            throw new IllegalArgumentException("event of customer " + event.customerId() + " added to " + customerId);
        }
        boolean later = lastEventId == null
                || event.eventTsMillis() > lastEventTsMillis
                || (event.eventTsMillis() == lastEventTsMillis && event.eventId().compareTo(lastEventId) > 0);
        return later
                ? new CustomerActivity(customerId, events + 1, event.eventTsMillis(), event.eventType(), event.eventId())
                : new CustomerActivity(customerId, events + 1, lastEventTsMillis, lastEventType, lastEventId);
    }
}
