-- StarRocks (docker, vendor image): the Iceberg catalog of the lakehouse, read through the Hive Metastore (data on
-- HDFS), and the database the marts live in. Run by bootstrap before the marts' files; ${...} are the stack's
-- template variables (the compose host names and ports).
CREATE EXTERNAL CATALOG IF NOT EXISTS lakehouse_iceberg
PROPERTIES (
    "type" = "iceberg",
    "iceberg.catalog.type" = "hive",
    "hive.metastore.uris" = "thrift://${HIVE_METASTORE_HOST}:${HIVE_METASTORE_PORT}"
);

CREATE DATABASE IF NOT EXISTS marts;
