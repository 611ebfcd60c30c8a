-- Mart product_funnel, StarRocks: asynchronous materialized view; same columns and rows as
-- ../trino/product_funnel.sql.
CREATE MATERIALIZED VIEW IF NOT EXISTS marts.product_funnel
DISTRIBUTED BY HASH(product_sku)
REFRESH ASYNC EVERY (INTERVAL 10 MINUTE)
PROPERTIES ("replication_num" = "1")
AS
SELECT CAST(f.product_sku AS VARCHAR(64)) AS product_sku,
       CAST(f.product_name AS VARCHAR(256)) AS product_name,
       CAST(f.category AS VARCHAR(256)) AS category,
       CAST(f.views AS BIGINT) AS views,
       CAST(f.add_to_carts AS BIGINT) AS add_to_carts,
       CAST(f.purchases AS BIGINT) AS purchases,
       CAST(f.cart_rate AS DECIMAL(9, 4)) AS cart_rate,
       CAST(f.conversion AS DECIMAL(9, 4)) AS conversion_rate,
       CAST(coalesce(r.revenue, 0) AS DECIMAL(18, 2)) AS revenue
FROM lakehouse_iceberg.gold.product_funnel f
LEFT JOIN (SELECT product_key, sum(revenue) AS revenue
           FROM lakehouse_iceberg.gold.fact_sales
           WHERE NOT is_cancelled
           GROUP BY product_key) r ON r.product_key = f.product_sku;
