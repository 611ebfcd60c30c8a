package io.lakehouse.jobs.flink;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ActivityTest {
    private static ShopEvent event(String id, String type, long customer, String sku, long ts) {
        return new ShopEvent(id, type, customer, sku, "s-1", ts);
    }

    private final List<ShopEvent> events = List.of(
            event("e-1", "page_view", 7, "SKU-1", 1_000),
            event("e-2", "page_view", 7, "SKU-1", 3_000),
            event("e-3", "add_to_cart", 7, "SKU-1", 2_000),
            event("e-4", "purchase", 7, "SKU-1", 3_000),
            event("e-5", "page_view", 7, "SKU-1", 500));

    @Test
    void productTotalsCountEachTypeAndKeepTheLatestTime() {
        ProductActivity totals = ProductActivity.empty("SKU-1");
        for (ShopEvent e : events) {
            totals = totals.add(e);
        }
        assertEquals(new ProductActivity("SKU-1", 3, 1, 1, 3_000), totals);
    }

    @Test
    void customerLatestEventBreaksTiesByEventId() {
        CustomerActivity totals = CustomerActivity.empty(7);
        for (ShopEvent e : events) {
            totals = totals.add(e);
        }
        assertEquals(new CustomerActivity(7, 5, 3_000, "purchase", "e-4"), totals);
    }

    @Test
    void totalsDoNotDependOnArrivalOrder() {
        Random random = new Random(42);
        ProductActivity expectedProduct = null;
        CustomerActivity expectedCustomer = null;
        for (int round = 0; round < 20; round++) {
            List<ShopEvent> shuffled = new ArrayList<>(events);
            Collections.shuffle(shuffled, random);
            ProductActivity product = ProductActivity.empty("SKU-1");
            CustomerActivity customer = CustomerActivity.empty(7);
            for (ShopEvent e : shuffled) {
                product = product.add(e);
                customer = customer.add(e);
            }
            if (expectedProduct == null) {
                expectedProduct = product;
                expectedCustomer = customer;
            }
            assertEquals(expectedProduct, product);
            assertEquals(expectedCustomer, customer);
        }
    }

    @Test
    void anEventOfAnotherKeyIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> ProductActivity.empty("SKU-2").add(events.get(0)));
        assertThrows(IllegalArgumentException.class,
                () -> CustomerActivity.empty(8).add(events.get(0)));
    }
}
