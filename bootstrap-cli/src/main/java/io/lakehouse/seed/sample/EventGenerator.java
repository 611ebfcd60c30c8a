package io.lakehouse.seed.sample;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * The shop's clickstream, deterministic per scale: {@link #EVENTS_PER_SCALE} events per scale, in sessions of a
 * few events by one customer (views, then sometimes add-to-cart and purchase), timestamps increasing from
 * {@link #FIRST_EVENT_TS}. Customers and SKUs are the good ones of the same scale's files.
 */
public final class EventGenerator implements Iterator<ShopEvent> {
    public static final int EVENTS_PER_SCALE = 20_000;
    public static final long FIRST_EVENT_TS = 1_762_000_000_000L;

    private final Random random = new Random(SampleGenerator.SEED + 1);
    private final long total;
    private final long customers;
    private final int products;
    private long produced;
    private long ts = FIRST_EVENT_TS;
    private long session;
    private int sessionLeft;
    private long sessionCustomer;
    private String lastViewed;

    public EventGenerator(int scale) {
        if (scale < 1) {
            throw new IllegalArgumentException("scale must be 1 or more, was " + scale);
        }
        this.total = (long) EVENTS_PER_SCALE * scale;
        this.customers = (long) SampleGenerator.CUSTOMERS_PER_SCALE * scale;
        this.products = SampleGenerator.PRODUCTS_PER_SCALE * scale;
    }

    public static long count(int scale) {
        return (long) EVENTS_PER_SCALE * scale;
    }

    @Override
    public boolean hasNext() {
        return produced < total;
    }

    @Override
    public ShopEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("all " + total + " events were produced");
        }
        if (sessionLeft == 0) {
            session++;
            sessionLeft = 2 + random.nextInt(10);
            sessionCustomer = 1 + (long) (random.nextDouble() * customers);
            lastViewed = null;
        }
        sessionLeft--;
        produced++;
        ts += random.nextInt(3000);
        int p = random.nextInt(100);
        String type;
        String sku;
        if (lastViewed != null && p < 20) {
            type = "add_to_cart";
            sku = lastViewed;
        } else if (lastViewed != null && p < 28) {
            type = "purchase";
            sku = lastViewed;
        } else {
            type = "page_view";
            sku = SampleGenerator.sku(1 + random.nextInt(products));
            lastViewed = sku;
        }
        return new ShopEvent(String.format(java.util.Locale.ROOT, "e-%08d", produced), type, sessionCustomer, sku,
                String.format(java.util.Locale.ROOT, "s-%06d", session), ts);
    }
}
