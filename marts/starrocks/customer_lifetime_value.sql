-- Mart customer_lifetime_value, StarRocks: asynchronous materialized view; same columns and rows as
-- ../trino/customer_lifetime_value.sql.
CREATE MATERIALIZED VIEW IF NOT EXISTS marts.customer_lifetime_value
DISTRIBUTED BY HASH(customer_id)
REFRESH ASYNC EVERY (INTERVAL 10 MINUTE)
PROPERTIES ("replication_num" = "1")
AS
SELECT CAST(v.customer_id AS BIGINT) AS customer_id,
       CAST(v.full_name AS VARCHAR(256)) AS customer_name,
       CAST(v.country AS VARCHAR(64)) AS country,
       CAST(c.loyalty_tier AS VARCHAR(16)) AS loyalty_tier,
       CAST(v.orders AS BIGINT) AS orders,
       CAST(v.revenue AS DECIMAL(18, 2)) AS revenue,
       CAST(v.avg_order_value AS DECIMAL(18, 2)) AS avg_order_value,
       CAST(v.first_order_ts AS DATE) AS first_order_date,
       CAST(v.last_order_ts AS DATE) AS last_order_date
FROM lakehouse_iceberg.gold.customer_lifetime_value v
LEFT JOIN lakehouse_iceberg.gold.dim_customer c ON c.customer_key = v.customer_id;
