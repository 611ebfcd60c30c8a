-- silver -> gold: dimensions, facts and the summary tables the marts read (catalog lakehouse, Iceberg format v2).
-- Same pattern as silver.sql: a source view per table, CREATE TABLE IF NOT EXISTS from it, then a MERGE of only
-- the change set keyed on the table's grain, so a re-run changes nothing. Columns, grain, rules: README.md.
-- Revenue never counts a cancelled order (seed cancels every 20th order after the initial load).

SET spark.sql.session.timeZone = UTC;

----------------------------------------------------------------------------------------------- dim_customer
CREATE OR REPLACE TEMPORARY VIEW dim_customer_src AS
SELECT customer_id AS customer_key, customer_id, full_name, email, country, city, signup_date, loyalty_points,
       CASE WHEN loyalty_points >= 3000 THEN 'gold' WHEN loyalty_points >= 1000 THEN 'silver' ELSE 'bronze' END
         AS loyalty_tier,
       marketing_opt_in
FROM lakehouse.silver.customers;

CREATE TABLE IF NOT EXISTS lakehouse.gold.dim_customer USING iceberg
TBLPROPERTIES ('format-version' = '2')
AS SELECT * FROM dim_customer_src WHERE false;

MERGE INTO lakehouse.gold.dim_customer t
USING (
  SELECT *, false AS _deleted FROM (SELECT * FROM dim_customer_src EXCEPT SELECT * FROM lakehouse.gold.dim_customer)
  UNION ALL
  SELECT t.*, true AS _deleted FROM lakehouse.gold.dim_customer t LEFT ANTI JOIN dim_customer_src s
    ON s.customer_key = t.customer_key
) s
ON t.customer_key = s.customer_key
WHEN MATCHED AND s._deleted THEN DELETE
WHEN MATCHED THEN UPDATE SET *
WHEN NOT MATCHED AND NOT s._deleted THEN INSERT *;

-------------------------------------------------------------------------------------------------- dim_store
CREATE OR REPLACE TEMPORARY VIEW dim_store_src AS
SELECT store_id AS store_key, store_id, store_name, channel, is_online, city, country, opened_on, floor_area_m2
FROM lakehouse.silver.stores;

CREATE TABLE IF NOT EXISTS lakehouse.gold.dim_store USING iceberg
TBLPROPERTIES ('format-version' = '2')
AS SELECT * FROM dim_store_src WHERE false;

MERGE INTO lakehouse.gold.dim_store t
USING (
  SELECT *, false AS _deleted FROM (SELECT * FROM dim_store_src EXCEPT SELECT * FROM lakehouse.gold.dim_store)
  UNION ALL
  SELECT t.*, true AS _deleted FROM lakehouse.gold.dim_store t LEFT ANTI JOIN dim_store_src s
    ON s.store_key = t.store_key
) s
ON t.store_key = s.store_key
WHEN MATCHED AND s._deleted THEN DELETE
WHEN MATCHED THEN UPDATE SET *
WHEN NOT MATCHED AND NOT s._deleted THEN INSERT *;

------------------------------------------------------------------------------------------------ dim_product
CREATE OR REPLACE TEMPORARY VIEW dim_product_src AS
SELECT product_sku AS product_key, product_sku, product_name, category, subcategory, product_line, price,
       currency, supplier_id, supplier_name, active, launched_on
FROM lakehouse.silver.products;

CREATE TABLE IF NOT EXISTS lakehouse.gold.dim_product USING iceberg
TBLPROPERTIES ('format-version' = '2')
AS SELECT * FROM dim_product_src WHERE false;

MERGE INTO lakehouse.gold.dim_product t
USING (
  SELECT *, false AS _deleted FROM (SELECT * FROM dim_product_src EXCEPT SELECT * FROM lakehouse.gold.dim_product)
  UNION ALL
  SELECT t.*, true AS _deleted FROM lakehouse.gold.dim_product t LEFT ANTI JOIN dim_product_src s
    ON s.product_key = t.product_key
) s
ON t.product_key = s.product_key
WHEN MATCHED AND s._deleted THEN DELETE
WHEN MATCHED THEN UPDATE SET *
WHEN NOT MATCHED AND NOT s._deleted THEN INSERT *;

--------------------------------------------------------------------------------------------------- dim_date
-- Every day from the earliest to the latest day any fact refers to (orders and events), so the range grows with
-- the data; days are UTC.
CREATE OR REPLACE TEMPORARY VIEW dim_date_src AS
SELECT CAST(date_format(d, 'yyyyMMdd') AS INT) AS date_key,
       d                                       AS calendar_date,
       year(d)                                 AS year,
       quarter(d)                              AS quarter,
       month(d)                                AS month,
       date_format(d, 'MMMM')                  AS month_name,
       day(d)                                  AS day_of_month,
       dayofweek(d)                            AS day_of_week,
       date_format(d, 'EEEE')                  AS day_name,
       weekofyear(d)                           AS iso_week,
       dayofweek(d) IN (1, 7)                  AS is_weekend
FROM (
  SELECT explode(sequence(min(day), max(day), INTERVAL 1 DAY)) AS d
  FROM (SELECT order_date AS day FROM lakehouse.silver.orders
        UNION ALL SELECT event_date FROM lakehouse.silver.events)
);

CREATE TABLE IF NOT EXISTS lakehouse.gold.dim_date USING iceberg
TBLPROPERTIES ('format-version' = '2')
AS SELECT * FROM dim_date_src WHERE false;

MERGE INTO lakehouse.gold.dim_date t
USING (SELECT * FROM dim_date_src EXCEPT SELECT * FROM lakehouse.gold.dim_date) s
ON t.date_key = s.date_key
WHEN MATCHED THEN UPDATE SET *
WHEN NOT MATCHED THEN INSERT *;

------------------------------------------------------------------------------------------------- fact_sales
-- Grain: one order line. Cancelled orders stay (status, is_cancelled) but their revenue is 0.
CREATE OR REPLACE TEMPORARY VIEW fact_sales_src AS
SELECT i.order_id,
       i.line_no,
       o.customer_id                                         AS customer_key,
       o.store_id                                            AS store_key,
       i.product_sku                                         AS product_key,
       CAST(date_format(o.order_date, 'yyyyMMdd') AS INT)    AS date_key,
       o.order_date,
       o.order_ts,
       o.status,
       o.is_cancelled,
       i.quantity,
       i.unit_price,
       i.line_amount                                         AS amount,
       CASE WHEN o.is_cancelled THEN CAST(0 AS DECIMAL(12, 2)) ELSE i.line_amount END AS revenue
FROM lakehouse.silver.order_items i
JOIN lakehouse.silver.orders o ON o.order_id = i.order_id;

CREATE TABLE IF NOT EXISTS lakehouse.gold.fact_sales USING iceberg
TBLPROPERTIES ('format-version' = '2')
AS SELECT * FROM fact_sales_src WHERE false;

MERGE INTO lakehouse.gold.fact_sales t
USING (
  SELECT *, false AS _deleted FROM (SELECT * FROM fact_sales_src EXCEPT SELECT * FROM lakehouse.gold.fact_sales)
  UNION ALL
  SELECT t.*, true AS _deleted FROM lakehouse.gold.fact_sales t LEFT ANTI JOIN fact_sales_src s
    ON s.order_id = t.order_id AND s.line_no = t.line_no
) s
ON t.order_id = s.order_id AND t.line_no = s.line_no
WHEN MATCHED AND s._deleted THEN DELETE
WHEN MATCHED THEN UPDATE SET *
WHEN NOT MATCHED AND NOT s._deleted THEN INSERT *;

------------------------------------------------------------------------------------------------ fact_events
-- Grain: one clickstream event (deduplicated in silver); append-only.
CREATE OR REPLACE TEMPORARY VIEW fact_events_src AS
SELECT event_id,
       event_type,
       customer_id                                        AS customer_key,
       product_sku                                        AS product_key,
       CAST(date_format(event_date, 'yyyyMMdd') AS INT)   AS date_key,
       session_id,
       event_ts
FROM lakehouse.silver.events;

CREATE TABLE IF NOT EXISTS lakehouse.gold.fact_events USING iceberg
TBLPROPERTIES ('format-version' = '2')
AS SELECT * FROM fact_events_src WHERE false;

MERGE INTO lakehouse.gold.fact_events t
USING (SELECT s.* FROM fact_events_src s LEFT ANTI JOIN lakehouse.gold.fact_events t ON t.event_id = s.event_id) s
ON t.event_id = s.event_id
WHEN NOT MATCHED THEN INSERT *;

------------------------------------------------------------------------------ daily_sales_by_store_category
-- Grain: (sales_date, store_id, category); non-cancelled orders only.
CREATE OR REPLACE TEMPORARY VIEW daily_sales_by_store_category_src AS
SELECT f.order_date                                  AS sales_date,
       f.store_key                                   AS store_id,
       s.store_name,
       p.category,
       count(DISTINCT f.order_id)                    AS orders,
       CAST(sum(f.quantity) AS BIGINT)               AS units,
       CAST(sum(f.revenue) AS DECIMAL(14, 2))        AS revenue
FROM lakehouse.gold.fact_sales f
JOIN lakehouse.gold.dim_store s ON s.store_key = f.store_key
JOIN lakehouse.gold.dim_product p ON p.product_key = f.product_key
WHERE NOT f.is_cancelled
GROUP BY f.order_date, f.store_key, s.store_name, p.category;

CREATE TABLE IF NOT EXISTS lakehouse.gold.daily_sales_by_store_category USING iceberg
TBLPROPERTIES ('format-version' = '2')
AS SELECT * FROM daily_sales_by_store_category_src WHERE false;

MERGE INTO lakehouse.gold.daily_sales_by_store_category t
USING (
  SELECT *, false AS _deleted FROM (SELECT * FROM daily_sales_by_store_category_src
                                     EXCEPT SELECT * FROM lakehouse.gold.daily_sales_by_store_category)
  UNION ALL
  SELECT t.*, true AS _deleted FROM lakehouse.gold.daily_sales_by_store_category t
    LEFT ANTI JOIN daily_sales_by_store_category_src s
    ON s.sales_date = t.sales_date AND s.store_id = t.store_id AND s.category = t.category
) s
ON t.sales_date = s.sales_date AND t.store_id = s.store_id AND t.category = s.category
WHEN MATCHED AND s._deleted THEN DELETE
WHEN MATCHED THEN UPDATE SET *
WHEN NOT MATCHED AND NOT s._deleted THEN INSERT *;

---------------------------------------------------------------------------------------- customer_lifetime_value
-- Grain: one customer with at least one non-cancelled order.
CREATE OR REPLACE TEMPORARY VIEW customer_lifetime_value_src AS
SELECT o.customer_key                                          AS customer_id,
       c.full_name,
       c.country,
       min(o.order_ts)                                         AS first_order_ts,
       max(o.order_ts)                                         AS last_order_ts,
       count(*)                                                AS orders,
       CAST(sum(o.revenue) AS DECIMAL(14, 2))                  AS revenue,
       CAST(sum(o.revenue) / count(*) AS DECIMAL(14, 2))       AS avg_order_value
FROM (SELECT order_id, customer_key, order_ts, sum(revenue) AS revenue
      FROM lakehouse.gold.fact_sales WHERE NOT is_cancelled
      GROUP BY order_id, customer_key, order_ts) o
JOIN lakehouse.gold.dim_customer c ON c.customer_key = o.customer_key
GROUP BY o.customer_key, c.full_name, c.country;

CREATE TABLE IF NOT EXISTS lakehouse.gold.customer_lifetime_value USING iceberg
TBLPROPERTIES ('format-version' = '2')
AS SELECT * FROM customer_lifetime_value_src WHERE false;

MERGE INTO lakehouse.gold.customer_lifetime_value t
USING (
  SELECT *, false AS _deleted FROM (SELECT * FROM customer_lifetime_value_src
                                     EXCEPT SELECT * FROM lakehouse.gold.customer_lifetime_value)
  UNION ALL
  SELECT t.*, true AS _deleted FROM lakehouse.gold.customer_lifetime_value t
    LEFT ANTI JOIN customer_lifetime_value_src s ON s.customer_id = t.customer_id
) s
ON t.customer_id = s.customer_id
WHEN MATCHED AND s._deleted THEN DELETE
WHEN MATCHED THEN UPDATE SET *
WHEN NOT MATCHED AND NOT s._deleted THEN INSERT *;

--------------------------------------------------------------------------------------------- product_funnel
-- Grain: one product of the catalogue (products without events have zeros). conversion = purchases / views.
CREATE OR REPLACE TEMPORARY VIEW product_funnel_src AS
SELECT p.product_key                                                   AS product_sku,
       p.product_name,
       p.category,
       coalesce(e.views, 0)                                            AS views,
       coalesce(e.add_to_carts, 0)                                     AS add_to_carts,
       coalesce(e.purchases, 0)                                        AS purchases,
       CAST(CASE WHEN coalesce(e.views, 0) = 0 THEN NULL
                 ELSE e.add_to_carts / e.views END AS DECIMAL(9, 4))   AS cart_rate,
       CAST(CASE WHEN coalesce(e.views, 0) = 0 THEN NULL
                 ELSE e.purchases / e.views END AS DECIMAL(9, 4))      AS conversion
FROM lakehouse.gold.dim_product p
LEFT JOIN (
  SELECT product_key,
         count_if(event_type = 'page_view')   AS views,
         count_if(event_type = 'add_to_cart') AS add_to_carts,
         count_if(event_type = 'purchase')    AS purchases
  FROM lakehouse.gold.fact_events
  GROUP BY product_key
) e ON e.product_key = p.product_key;

CREATE TABLE IF NOT EXISTS lakehouse.gold.product_funnel USING iceberg
TBLPROPERTIES ('format-version' = '2')
AS SELECT * FROM product_funnel_src WHERE false;

MERGE INTO lakehouse.gold.product_funnel t
USING (
  SELECT *, false AS _deleted FROM (SELECT * FROM product_funnel_src EXCEPT SELECT * FROM lakehouse.gold.product_funnel)
  UNION ALL
  SELECT t.*, true AS _deleted FROM lakehouse.gold.product_funnel t LEFT ANTI JOIN product_funnel_src s
    ON s.product_sku = t.product_sku
) s
ON t.product_sku = s.product_sku
WHEN MATCHED AND s._deleted THEN DELETE
WHEN MATCHED THEN UPDATE SET *
WHEN NOT MATCHED AND NOT s._deleted THEN INSERT *;
