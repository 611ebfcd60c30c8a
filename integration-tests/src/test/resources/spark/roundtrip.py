"""Spark's side of the cross-engine test, through Spark Connect (pyspark-client): prints one JSON line."""
import json
import sys

from pyspark.sql import SparkSession

url, action, args = sys.argv[1], sys.argv[2], sys.argv[3:]
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
elif action == "evolved":
    # Trino added a column and rows after snapshot args[0]: Spark sees both, and the old snapshot by id.
    table = "lakehouse.it_engines.trino_orders"
    columns = [f.name for f in spark.table(table).schema.fields]
    now = spark.sql(f"SELECT count(*) AS n, count(channel) AS c FROM {table}").collect()[0]
    then = spark.sql(f"SELECT count(*) AS n FROM {table} VERSION AS OF {int(args[0])}").collect()[0]
    print(json.dumps({"columns": columns, "n": int(now["n"]), "channel": int(now["c"]), "n_then": int(then["n"])}))
    spark.stop()
    raise SystemExit(0)
elif action == "append":
    # One more Spark commit on spark_events; prints the snapshot it replaced, for Trino's time travel.
    table = "lakehouse.it_engines.spark_events"
    before = spark.sql(f"SELECT snapshot_id FROM {table}.snapshots ORDER BY committed_at DESC LIMIT 1").collect()[0][0]
    spark.sql(f"INSERT INTO {table} SELECT id, CAST(id % 10 AS INT), 'late' FROM range(120000, 125000)")
    row = spark.sql(f"SELECT count(*) AS n, sum(id) AS s, count(DISTINCT bucket) AS b FROM {table}").collect()[0]
    print(json.dumps({"n": int(row["n"]), "s": int(row["s"]), "b": int(row["b"]), "before": int(before)}))
    spark.stop()
    raise SystemExit(0)
else:
    raise SystemExit("unknown action " + action)
print(json.dumps({"n": int(row["n"]), "s": int(row["s"]), "b": int(row["b"])}))
spark.stop()
