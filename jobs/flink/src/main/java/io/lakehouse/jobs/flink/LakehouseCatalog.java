package io.lakehouse.jobs.flink;

import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.flink.CatalogLoader;

import java.util.HashMap;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The platform's Iceberg catalog {@code lakehouse}: Iceberg's HiveCatalog on the metastore, warehouse on HDFS
 * (the same catalog Spark and Trino use), as {@link ReusingHiveCatalog}.
 */
public record LakehouseCatalog(String metastoreUri, String warehouse) {
    public static final String NAME = "lakehouse";
    /**
     * Tables this catalog creates commit without the metastore's lock (Hive 4's atomic swap of metadata_location,
     * HIVE-26882); every engine's catalog says the same (docs/lock-free-commits.md).
     */
    /** Iceberg's HiveCatalog, without a metastore call and a metadata read per table and checkpoint. */
    static final String IMPL = ReusingHiveCatalog.class.getName();
    static final Map<String, String> TABLE_DEFAULTS = Map.of("table-default.engine.hive.lock-enabled", "false");

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
        StringBuilder defaults = new StringBuilder();
        TABLE_DEFAULTS.forEach((key, value) -> defaults.append(", '").append(key).append("'='").append(value)
                .append('\''));
        return "CREATE CATALOG " + NAME + " WITH ('type'='iceberg', 'catalog-impl'='" + IMPL + "', 'uri'='" + metastoreUri
                + "', 'warehouse'='" + warehouse + "'" + defaults + ")";
    }

    /** For the DataStream API's Iceberg sink and for creating tables through Iceberg's own API. */
    public CatalogLoader loader() {
        Map<String, String> properties = new HashMap<>(TABLE_DEFAULTS);
        properties.put("uri", metastoreUri);
        properties.put("warehouse", warehouse);
        return CatalogLoader.custom(NAME, properties, new Configuration(), IMPL);
    }
}
