-- Mart customer_lifetime_value, Trino: one row per customer with at least one non-cancelled order: orders,
-- revenue, average order value, first and last order day, loyalty tier. Twin: ../starrocks/customer_lifetime_value.sql.
-- Statement 1: bootstrap; statement 2: every refresh (one atomic commit), see daily_sales.sql.
CREATE TABLE IF NOT EXISTS lakehouse.marts.customer_lifetime_value (
    customer_id BIGINT,
    customer_name VARCHAR,
    country VARCHAR,
    loyalty_tier VARCHAR,
    orders BIGINT,
    revenue DECIMAL(18, 2),
    avg_order_value DECIMAL(18, 2),
    first_order_date DATE,
    last_order_date DATE
);

CREATE OR REPLACE TABLE lakehouse.marts.customer_lifetime_value AS
SELECT CAST(v.customer_id AS BIGINT) AS customer_id,
       CAST(v.full_name AS VARCHAR) AS customer_name,
       CAST(v.country AS VARCHAR) AS country,
       CAST(c.loyalty_tier AS VARCHAR) AS loyalty_tier,
       CAST(v.orders AS BIGINT) AS orders,
       CAST(v.revenue AS DECIMAL(18, 2)) AS revenue,
       CAST(v.avg_order_value AS DECIMAL(18, 2)) AS avg_order_value,
       CAST(v.first_order_ts AS DATE) AS first_order_date,
       CAST(v.last_order_ts AS DATE) AS last_order_date
FROM lakehouse.gold.customer_lifetime_value v
LEFT JOIN lakehouse.gold.dim_customer c ON c.customer_key = v.customer_id;
