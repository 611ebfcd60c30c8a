-- bronze -> silver: cleaned, deduplicated, conformed tables of the shop (catalog lakehouse, Iceberg format v2).
-- Run by `lakehouse seed` (SparkTransformStage) through Spark Connect; columns, grain and rules: jobs/spark/README.md.
--
-- Every table follows one pattern, so running this file again changes nothing:
--   1. a temporary view <table>_src: the bronze rows cleaned, typed and deduplicated to one row per business key;
--   2. CREATE TABLE IF NOT EXISTS ... AS SELECT ... WHERE false: the table takes the view's columns on first run;
--   3. MERGE INTO keyed on the business key, whose source is only the change set: rows of the view that differ
--      from the table (EXCEPT) plus the keys the view no longer has (flagged _deleted). Unchanged rows never reach
--      the MERGE, so a re-run matches nothing and rewrites no data file (copy-on-write would otherwise rewrite
--      every file holding a matched row).

SET spark.sql.session.timeZone = UTC;

-------------------------------------------------------------------------------------------------- customers
CREATE OR REPLACE TEMPORARY VIEW customers_src AS
SELECT customer_id, first_name, last_name, full_name, email, phone, country, city, address, signup_date,
       loyalty_points, marketing_opt_in, source_file
FROM (
  SELECT CAST(customer_id AS BIGINT)                                   AS customer_id,
         trim(first_name)                                              AS first_name,
         trim(last_name)                                               AS last_name,
         concat_ws(' ', trim(first_name), trim(last_name))             AS full_name,
         lower(trim(email))                                            AS email,
         nullif(regexp_replace(trim(phone), '\\s+', ' '), '')          AS phone,
         upper(trim(country))                                          AS country,
         nullif(trim(city), '')                                        AS city,
         nullif(regexp_replace(trim(address), '\\s*\\n\\s*', ', '), '') AS address,
         CAST(signup_date AS DATE)                                     AS signup_date,
         CAST(coalesce(loyalty_points, 0) AS INT)                      AS loyalty_points,
         coalesce(marketing_opt_in, false)                             AS marketing_opt_in,
         _source_file                                                  AS source_file,
         row_number() OVER (PARTITION BY customer_id ORDER BY _source_file DESC, _source_line DESC) AS version
  FROM lakehouse.bronze.customers
  WHERE customer_id IS NOT NULL AND email IS NOT NULL AND trim(email) <> ''
) WHERE version = 1;

CREATE TABLE IF NOT EXISTS lakehouse.silver.customers USING iceberg
TBLPROPERTIES ('format-version' = '2')
AS SELECT * FROM customers_src WHERE false;

MERGE INTO lakehouse.silver.customers t
USING (
  SELECT *, false AS _deleted FROM (SELECT * FROM customers_src EXCEPT SELECT * FROM lakehouse.silver.customers)
  UNION ALL
  SELECT t.*, true AS _deleted FROM lakehouse.silver.customers t LEFT ANTI JOIN customers_src s
    ON s.customer_id = t.customer_id
) s
ON t.customer_id = s.customer_id
WHEN MATCHED AND s._deleted THEN DELETE
WHEN MATCHED THEN UPDATE SET *
WHEN NOT MATCHED AND NOT s._deleted THEN INSERT *;

----------------------------------------------------------------------------------------------------- stores
CREATE OR REPLACE TEMPORARY VIEW stores_src AS
SELECT store_id, store_name, channel, is_online, city, country, opened_on, floor_area_m2, source_file
FROM (
  SELECT CAST(store_id AS INT)                  AS store_id,
         trim(name)                             AS store_name,
         lower(trim(channel))                   AS channel,
         lower(trim(channel)) = 'online'        AS is_online,
         nullif(trim(city), '')                 AS city,
         upper(trim(country))                   AS country,
         CAST(opened_on AS DATE)                AS opened_on,
         CAST(floor_area_m2 AS DECIMAL(8, 1))   AS floor_area_m2,
         _source_file                           AS source_file,
         row_number() OVER (PARTITION BY store_id ORDER BY _source_file DESC, _source_line DESC) AS version
  FROM lakehouse.bronze.stores
  WHERE store_id IS NOT NULL
) WHERE version = 1;

CREATE TABLE IF NOT EXISTS lakehouse.silver.stores USING iceberg
TBLPROPERTIES ('format-version' = '2')
AS SELECT * FROM stores_src WHERE false;

MERGE INTO lakehouse.silver.stores t
USING (
  SELECT *, false AS _deleted FROM (SELECT * FROM stores_src EXCEPT SELECT * FROM lakehouse.silver.stores)
  UNION ALL
  SELECT t.*, true AS _deleted FROM lakehouse.silver.stores t LEFT ANTI JOIN stores_src s ON s.store_id = t.store_id
) s
ON t.store_id = s.store_id
WHEN MATCHED AND s._deleted THEN DELETE
WHEN MATCHED THEN UPDATE SET *
WHEN NOT MATCHED AND NOT s._deleted THEN INSERT *;

--------------------------------------------------------------------------------------------------- products
-- The supplier feed's nested elements arrive flattened by the loader (category/@path, price/@currency,
-- supplier/@id + supplier/name, dimensions/@*); silver also splits the category path into its levels.
CREATE OR REPLACE TEMPORARY VIEW products_src AS
SELECT product_sku, product_name, active, category_path, category, subcategory, product_line, price, currency,
       supplier_id, supplier_name, width_cm, height_cm, depth_cm, weight_kg, launched_on, source_file
FROM (
  SELECT upper(trim(sku))                                       AS product_sku,
         trim(name)                                             AS product_name,
         coalesce(active, true)                                 AS active,
         trim(category_path)                                    AS category_path,
         coalesce(nullif(trim(split_part(category_path, '/', 1)), ''), 'Uncategorized') AS category,
         nullif(trim(split_part(category_path, '/', 2)), '')    AS subcategory,
         nullif(trim(split_part(category_path, '/', 3)), '')    AS product_line,
         CAST(price AS DECIMAL(10, 2))                          AS price,
         upper(coalesce(nullif(trim(currency), ''), 'EUR'))     AS currency,
         trim(supplier_id)                                      AS supplier_id,
         trim(supplier_name)                                    AS supplier_name,
         CAST(width_cm AS DECIMAL(6, 1))                        AS width_cm,
         CAST(height_cm AS DECIMAL(6, 1))                       AS height_cm,
         CAST(depth_cm AS DECIMAL(6, 1))                        AS depth_cm,
         CAST(weight_kg AS DECIMAL(7, 3))                       AS weight_kg,
         CAST(launched_on AS DATE)                              AS launched_on,
         _source_file                                           AS source_file,
         row_number() OVER (PARTITION BY upper(trim(sku)) ORDER BY _source_file DESC, _source_path DESC) AS version
  FROM lakehouse.bronze.products
  WHERE sku IS NOT NULL AND trim(sku) <> ''
) WHERE version = 1;

CREATE TABLE IF NOT EXISTS lakehouse.silver.products USING iceberg
TBLPROPERTIES ('format-version' = '2')
AS SELECT * FROM products_src WHERE false;

MERGE INTO lakehouse.silver.products t
USING (
  SELECT *, false AS _deleted FROM (SELECT * FROM products_src EXCEPT SELECT * FROM lakehouse.silver.products)
  UNION ALL
  SELECT t.*, true AS _deleted FROM lakehouse.silver.products t LEFT ANTI JOIN products_src s
    ON s.product_sku = t.product_sku
) s
ON t.product_sku = s.product_sku
WHEN MATCHED AND s._deleted THEN DELETE
WHEN MATCHED THEN UPDATE SET *
WHEN NOT MATCHED AND NOT s._deleted THEN INSERT *;

----------------------------------------------------------------------------------------------------- orders
-- bronze.orders is kept by CDC as upserts on order_id, so it holds each order's latest state already; the
-- window only guards against a bronze table that holds an order twice (the newest updated_at wins).
CREATE OR REPLACE TEMPORARY VIEW orders_src AS
SELECT order_id, customer_id, store_id, order_ts, order_date, status, is_cancelled, total_amount, updated_at
FROM (
  SELECT order_id,
         customer_id,
         store_id,
         order_ts,
         CAST(order_ts AS DATE)               AS order_date,
         lower(trim(status))                  AS status,
         lower(trim(status)) = 'cancelled'    AS is_cancelled,
         CAST(total_amount AS DECIMAL(12, 2)) AS total_amount,
         updated_at,
         row_number() OVER (PARTITION BY order_id ORDER BY updated_at DESC) AS version
  FROM lakehouse.bronze.orders
  WHERE order_id IS NOT NULL
) WHERE version = 1;

CREATE TABLE IF NOT EXISTS lakehouse.silver.orders USING iceberg
TBLPROPERTIES ('format-version' = '2')
AS SELECT * FROM orders_src WHERE false;

MERGE INTO lakehouse.silver.orders t
USING (
  SELECT *, false AS _deleted FROM (SELECT * FROM orders_src EXCEPT SELECT * FROM lakehouse.silver.orders)
  UNION ALL
  SELECT t.*, true AS _deleted FROM lakehouse.silver.orders t LEFT ANTI JOIN orders_src s ON s.order_id = t.order_id
) s
ON t.order_id = s.order_id
WHEN MATCHED AND s._deleted THEN DELETE
WHEN MATCHED THEN UPDATE SET *
WHEN NOT MATCHED AND NOT s._deleted THEN INSERT *;

------------------------------------------------------------------------------------------------ order_items
CREATE OR REPLACE TEMPORARY VIEW order_items_src AS
SELECT order_id, line_no, product_sku, quantity, unit_price, line_amount
FROM (
  SELECT order_id,
         line_no,
         upper(trim(product_sku))                          AS product_sku,
         quantity,
         CAST(unit_price AS DECIMAL(10, 2))                AS unit_price,
         CAST(quantity * unit_price AS DECIMAL(12, 2))     AS line_amount,
         row_number() OVER (PARTITION BY order_id, line_no ORDER BY product_sku) AS version
  FROM lakehouse.bronze.order_items
  WHERE order_id IS NOT NULL AND line_no IS NOT NULL
) WHERE version = 1;

CREATE TABLE IF NOT EXISTS lakehouse.silver.order_items USING iceberg
TBLPROPERTIES ('format-version' = '2')
AS SELECT * FROM order_items_src WHERE false;

MERGE INTO lakehouse.silver.order_items t
USING (
  SELECT *, false AS _deleted FROM (SELECT * FROM order_items_src EXCEPT SELECT * FROM lakehouse.silver.order_items)
  UNION ALL
  SELECT t.*, true AS _deleted FROM lakehouse.silver.order_items t LEFT ANTI JOIN order_items_src s
    ON s.order_id = t.order_id AND s.line_no = t.line_no
) s
ON t.order_id = s.order_id AND t.line_no = s.line_no
WHEN MATCHED AND s._deleted THEN DELETE
WHEN MATCHED THEN UPDATE SET *
WHEN NOT MATCHED AND NOT s._deleted THEN INSERT *;

--------------------------------------------------------------------------------------------------- payments
-- A refunded payment is deleted in the application database; CDC deletes it from bronze, and the _deleted half
-- of the change set deletes it here.
CREATE OR REPLACE TEMPORARY VIEW payments_src AS
SELECT payment_id, order_id, method, amount, paid_at, paid_date
FROM (
  SELECT payment_id,
         order_id,
         lower(trim(method))            AS method,
         CAST(amount AS DECIMAL(12, 2)) AS amount,
         paid_at,
         CAST(paid_at AS DATE)          AS paid_date,
         row_number() OVER (PARTITION BY payment_id ORDER BY paid_at DESC) AS version
  FROM lakehouse.bronze.payments
  WHERE payment_id IS NOT NULL
) WHERE version = 1;

CREATE TABLE IF NOT EXISTS lakehouse.silver.payments USING iceberg
TBLPROPERTIES ('format-version' = '2')
AS SELECT * FROM payments_src WHERE false;

MERGE INTO lakehouse.silver.payments t
USING (
  SELECT *, false AS _deleted FROM (SELECT * FROM payments_src EXCEPT SELECT * FROM lakehouse.silver.payments)
  UNION ALL
  SELECT t.*, true AS _deleted FROM lakehouse.silver.payments t LEFT ANTI JOIN payments_src s
    ON s.payment_id = t.payment_id
) s
ON t.payment_id = s.payment_id
WHEN MATCHED AND s._deleted THEN DELETE
WHEN MATCHED THEN UPDATE SET *
WHEN NOT MATCHED AND NOT s._deleted THEN INSERT *;

-------------------------------------------------------------------------------------------------- shipments
CREATE OR REPLACE TEMPORARY VIEW shipments_src AS
SELECT shipment_id, order_id, carrier, status, shipped_at, delivered_at, delivery_days
FROM (
  SELECT shipment_id,
         order_id,
         trim(carrier)                                        AS carrier,
         lower(trim(status))                                  AS status,
         shipped_at,
         delivered_at,
         datediff(CAST(delivered_at AS DATE), CAST(shipped_at AS DATE)) AS delivery_days,
         row_number() OVER (PARTITION BY shipment_id ORDER BY shipped_at DESC) AS version
  FROM lakehouse.bronze.shipments
  WHERE shipment_id IS NOT NULL
) WHERE version = 1;

CREATE TABLE IF NOT EXISTS lakehouse.silver.shipments USING iceberg
TBLPROPERTIES ('format-version' = '2')
AS SELECT * FROM shipments_src WHERE false;

MERGE INTO lakehouse.silver.shipments t
USING (
  SELECT *, false AS _deleted FROM (SELECT * FROM shipments_src EXCEPT SELECT * FROM lakehouse.silver.shipments)
  UNION ALL
  SELECT t.*, true AS _deleted FROM lakehouse.silver.shipments t LEFT ANTI JOIN shipments_src s
    ON s.shipment_id = t.shipment_id
) s
ON t.shipment_id = s.shipment_id
WHEN MATCHED AND s._deleted THEN DELETE
WHEN MATCHED THEN UPDATE SET *
WHEN NOT MATCHED AND NOT s._deleted THEN INSERT *;

----------------------------------------------------------------------------------------------------- events
-- Events are facts that never change: the first occurrence of each event_id is kept, and the MERGE only inserts
-- the ones silver does not have yet (an append, no rewrite).
CREATE OR REPLACE TEMPORARY VIEW events_src AS
SELECT event_id, event_type, customer_id, product_sku, session_id, event_ts, event_date
FROM (
  SELECT trim(event_id)               AS event_id,
         lower(trim(event_type))      AS event_type,
         customer_id,
         upper(trim(product_sku))     AS product_sku,
         session_id,
         event_ts,
         CAST(event_ts AS DATE)       AS event_date,
         row_number() OVER (PARTITION BY trim(event_id) ORDER BY event_ts) AS version
  FROM lakehouse.bronze.events
  WHERE event_id IS NOT NULL
) WHERE version = 1;

CREATE TABLE IF NOT EXISTS lakehouse.silver.events USING iceberg
TBLPROPERTIES ('format-version' = '2')
AS SELECT * FROM events_src WHERE false;

MERGE INTO lakehouse.silver.events t
USING (SELECT s.* FROM events_src s LEFT ANTI JOIN lakehouse.silver.events t ON t.event_id = s.event_id) s
ON t.event_id = s.event_id
WHEN NOT MATCHED THEN INSERT *;
