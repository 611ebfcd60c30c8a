-- Mart product_funnel, Trino: one row per product of the catalogue: page views, add-to-carts and purchases from the
-- event stream, the rates between them, and the revenue its order lines brought (non-cancelled orders).
-- Twin: ../starrocks/product_funnel.sql. Statement 1: bootstrap; statement 2: every refresh, see daily_sales.sql.
CREATE TABLE IF NOT EXISTS lakehouse.marts.product_funnel (
    product_sku VARCHAR,
    product_name VARCHAR,
    category VARCHAR,
    views BIGINT,
    add_to_carts BIGINT,
    purchases BIGINT,
    cart_rate DECIMAL(9, 4),
    conversion_rate DECIMAL(9, 4),
    revenue DECIMAL(18, 2)
);

CREATE OR REPLACE TABLE lakehouse.marts.product_funnel AS
SELECT CAST(f.product_sku AS VARCHAR) AS product_sku,
       CAST(f.product_name AS VARCHAR) AS product_name,
       CAST(f.category AS VARCHAR) AS category,
       CAST(f.views AS BIGINT) AS views,
       CAST(f.add_to_carts AS BIGINT) AS add_to_carts,
       CAST(f.purchases AS BIGINT) AS purchases,
       CAST(f.cart_rate AS DECIMAL(9, 4)) AS cart_rate,
       CAST(f.conversion AS DECIMAL(9, 4)) AS conversion_rate,
       CAST(coalesce(r.revenue, 0) AS DECIMAL(18, 2)) AS revenue
FROM lakehouse.gold.product_funnel f
LEFT JOIN (SELECT product_key, sum(revenue) AS revenue
           FROM lakehouse.gold.fact_sales
           WHERE NOT is_cancelled
           GROUP BY product_key) r ON r.product_key = f.product_sku;
