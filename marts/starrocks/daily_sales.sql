-- Mart daily_sales, StarRocks: an asynchronous materialized view over the Iceberg gold tables, refreshed every
-- 10 minutes and by 'lakehouse marts refresh'. Same columns and rows as ../trino/daily_sales.sql.
CREATE MATERIALIZED VIEW IF NOT EXISTS marts.daily_sales
DISTRIBUTED BY HASH(sales_date)
REFRESH ASYNC EVERY (INTERVAL 10 MINUTE)
PROPERTIES ("replication_num" = "1")
AS
SELECT CAST(d.sales_date AS DATE) AS sales_date,
       CAST(d.store_id AS INT) AS store_id,
       CAST(d.store_name AS VARCHAR(256)) AS store_name,
       CAST(s.channel AS VARCHAR(64)) AS channel,
       CAST(s.country AS VARCHAR(64)) AS country,
       CAST(d.category AS VARCHAR(256)) AS category,
       CAST(d.orders AS BIGINT) AS orders,
       CAST(d.units AS BIGINT) AS units,
       CAST(d.revenue AS DECIMAL(18, 2)) AS revenue
FROM lakehouse_iceberg.gold.daily_sales_by_store_category d
LEFT JOIN lakehouse_iceberg.gold.dim_store s ON s.store_key = d.store_id;
