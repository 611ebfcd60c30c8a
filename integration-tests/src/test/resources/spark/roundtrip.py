"""Spark's side of the cross-engine test, through Spark Connect (pyspark-client): prints one JSON line."""
import json
import sys

from pyspark.sql import SparkSession

url, action = sys.argv[1], sys.argv[2]
spark = SparkSession.builder.remote(url).getOrCreate()
if action == "write":
    spark.sql("CREATE NAMESPACE IF NOT EXISTS lakehouse.it_engines")
    spark.sql("DROP TABLE IF EXISTS lakehouse.it_engines.spark_events")
    spark.sql("CREATE TABLE lakehouse.it_engines.spark_events (id BIGINT, bucket INT, label STRING) "
              "USING iceberg PARTITIONED BY (bucket)")
    spark.sql("INSERT INTO lakehouse.it_engines.spark_events "
              "SELECT id, CAST(id % 10 AS INT), concat('event-', id) FROM range(120000)")
    row = spark.sql("SELECT count(*) AS n, sum(id) AS s, count(DISTINCT bucket) AS b "
                    "FROM lakehouse.it_engines.spark_events").collect()[0]
elif action == "read":
    row = spark.sql("SELECT count(*) AS n, sum(orderkey) AS s, count(DISTINCT orderpriority) AS b "
                    "FROM lakehouse.it_engines.trino_orders").collect()[0]
else:
    raise SystemExit("unknown action " + action)
print(json.dumps({"n": int(row["n"]), "s": int(row["s"]), "b": int(row["b"])}))
spark.stop()
