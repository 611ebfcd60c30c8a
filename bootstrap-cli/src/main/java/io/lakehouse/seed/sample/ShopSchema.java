package io.lakehouse.seed.sample;

/** The application database's tables, exactly as the seed contract fixes them (MySQL/MariaDB dialect). */
public final class ShopSchema {
    private ShopSchema() {
    }

    public static final String DDL = """
            CREATE TABLE IF NOT EXISTS orders (order_id BIGINT PRIMARY KEY, customer_id BIGINT NOT NULL,
              store_id INT NOT NULL, order_ts DATETIME(3) NOT NULL, status VARCHAR(16) NOT NULL,
              total_amount DECIMAL(12,2) NOT NULL, updated_at DATETIME(3) NOT NULL);
            CREATE TABLE IF NOT EXISTS order_items (order_id BIGINT NOT NULL, line_no INT NOT NULL,
              product_sku VARCHAR(32) NOT NULL, quantity INT NOT NULL, unit_price DECIMAL(10,2) NOT NULL,
              PRIMARY KEY (order_id, line_no));
            CREATE TABLE IF NOT EXISTS payments (payment_id BIGINT PRIMARY KEY, order_id BIGINT NOT NULL,
              method VARCHAR(16) NOT NULL, amount DECIMAL(12,2) NOT NULL, paid_at DATETIME(3) NOT NULL);
            CREATE TABLE IF NOT EXISTS shipments (shipment_id BIGINT PRIMARY KEY, order_id BIGINT NOT NULL,
              carrier VARCHAR(32) NOT NULL, shipped_at DATETIME(3) NOT NULL, delivered_at DATETIME(3) NULL,
              status VARCHAR(16) NOT NULL);
            """;
}
