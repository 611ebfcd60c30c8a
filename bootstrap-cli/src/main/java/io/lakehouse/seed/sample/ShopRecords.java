package io.lakehouse.seed.sample;

import io.lakehouse.seed.files.RejectReason;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/** The demo retailer's records, as the generator plans them (before they are rendered to files or SQL). */
public final class ShopRecords {
    private ShopRecords() {
    }

    public record Customer(long customerId, String firstName, String lastName, String email, String phone,
                           String country, String city, String address, LocalDate signupDate, int loyaltyPoints,
                           boolean marketingOptIn) {
    }

    public record Store(int storeId, String name, String channel, String city, String country, LocalDate openedOn,
                        BigDecimal floorAreaM2) {
    }

    public record Product(String sku, boolean active, String name, String categoryPath, BigDecimal price,
                          String currency, String supplierId, String supplierName, BigDecimal widthCm,
                          BigDecimal heightCm, BigDecimal depthCm, BigDecimal weightKg, LocalDate launchedOn) {
    }

    public record Order(long orderId, long customerId, int storeId, LocalDateTime orderTs, String status,
                        BigDecimal totalAmount, LocalDateTime updatedAt) {
    }

    public record OrderItem(long orderId, int lineNo, String productSku, int quantity, BigDecimal unitPrice) {
    }

    public record Payment(long paymentId, long orderId, String method, BigDecimal amount, LocalDateTime paidAt) {
    }

    public record Shipment(long shipmentId, long orderId, String carrier, LocalDateTime shippedAt,
                           LocalDateTime deliveredAt, String status) {
    }

    /**
     * One record of a flat file as it will be written: its text, and the defect planted in it, if any. The
     * expected counts come from these plans, never from what a loader makes of the files.
     */
    public record PlannedRecord(String text, Optional<RejectReason> defect) {
        public PlannedRecord {
            requireNonNull(text, "text");
            requireNonNull(defect, "defect");
        }

        static PlannedRecord good(String text) {
            return new PlannedRecord(text, Optional.empty());
        }

        static PlannedRecord bad(String text, RejectReason defect) {
            return new PlannedRecord(text, Optional.of(defect));
        }
    }
}
