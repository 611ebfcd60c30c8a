package io.lakehouse.jobs.flink;

import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.flink.CatalogLoader;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The platform's Iceberg catalog {@code lakehouse}: Iceberg's HiveCatalog on the metastore, warehouse on HDFS
 * (the same catalog Spark and Trino use).
 */
public record LakehouseCatalog(String metastoreUri, String warehouse) {
    public static final String NAME = "lakehouse";

    public LakehouseCatalog {
        requireNonNull(metastoreUri, "metastoreUri");
        requireNonNull(warehouse, "warehouse");
        if (!metastoreUri.startsWith("thrift://")) {
            throw new IllegalArgumentException("--metastore must be a thrift:// URI, got " + metastoreUri);
        }
    }

    public static LakehouseCatalog from(JobArguments args) {
        return new LakehouseCatalog(args.required("metastore"), args.required("warehouse"));
    }

    /** Flink SQL that registers the catalog in a TableEnvironment. */
    public String createCatalogSql() {
        return "CREATE CATALOG " + NAME + " WITH ('type'='iceberg', 'catalog-type'='hive', 'uri'='" + metastoreUri
                + "', 'warehouse'='" + warehouse + "')";
    }

    /** For the DataStream API's Iceberg sink and for creating tables through Iceberg's own API. */
    public CatalogLoader loader() {
        return CatalogLoader.hive(NAME, new Configuration(), Map.of("uri", metastoreUri, "warehouse", warehouse));
    }
}
