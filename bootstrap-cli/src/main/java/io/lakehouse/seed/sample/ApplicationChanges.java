package io.lakehouse.seed.sample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the shop's application does after the initial load, as seed replays it: every 20th order is cancelled
 * (status and updated_at change) and its payments are refunded (deleted). Each statement is idempotent, so seed
 * may run them again; the effect on row counts is computed here from the generated rows, not from MySQL.
 */
public final class ApplicationChanges {
    public static final String CANCELLED_AT = "2026-01-01 00:00:00.000";
    public static final List<String> STATEMENTS = List.of(
            "UPDATE orders SET status = 'cancelled', updated_at = '" + CANCELLED_AT + "' "
                    + "WHERE order_id % 20 = 0 AND (status <> 'cancelled' OR updated_at <> '" + CANCELLED_AT + "')",
            "DELETE FROM payments WHERE order_id % 20 = 0");

    private ApplicationChanges() {
    }

    /** Rows per MySQL table once the changes are applied. */
    public static Map<String, Long> rowsAfter(SampleDataset data) {
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put("orders", (long) data.orders().size());
        rows.put("order_items", (long) data.orderItems().size());
        rows.put("payments", data.payments().stream().filter(p -> p.orderId() % 20 != 0).count());
        rows.put("shipments", (long) data.shipments().size());
        return rows;
    }

    /** Orders the changes cancel. */
    public static long cancelledOrders(SampleDataset data) {
        return data.orders().stream().filter(o -> o.orderId() % 20 == 0).count();
    }
}
