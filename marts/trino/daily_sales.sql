-- Mart daily_sales, Trino (the local runtime, and docker where StarRocks is absent): one row per sales day, store
-- and product category, over non-cancelled orders. Twin: ../starrocks/daily_sales.sql (same columns, same rows).
-- Statement 1 is run by bootstrap (the table exists before any data), statement 2 by every refresh: one atomic
-- Iceberg commit that replaces the rows (readers see the old or the new mart, never half; old snapshots stay for
-- time travel). Its casts give exactly statement 1's columns.
CREATE TABLE IF NOT EXISTS lakehouse.marts.daily_sales (
    sales_date DATE,
    store_id INTEGER,
    store_name VARCHAR,
    channel VARCHAR,
    country VARCHAR,
    category VARCHAR,
    orders BIGINT,
    units BIGINT,
    revenue DECIMAL(18, 2)
);

CREATE OR REPLACE TABLE lakehouse.marts.daily_sales AS
SELECT CAST(d.sales_date AS DATE) AS sales_date,
       CAST(d.store_id AS INTEGER) AS store_id,
       CAST(d.store_name AS VARCHAR) AS store_name,
       CAST(s.channel AS VARCHAR) AS channel,
       CAST(s.country AS VARCHAR) AS country,
       CAST(d.category AS VARCHAR) AS category,
       CAST(d.orders AS BIGINT) AS orders,
       CAST(d.units AS BIGINT) AS units,
       CAST(d.revenue AS DECIMAL(18, 2)) AS revenue
FROM lakehouse.gold.daily_sales_by_store_category d
LEFT JOIN lakehouse.gold.dim_store s ON s.store_key = d.store_id;
