package io.lakehouse.seed.files;

import io.lakehouse.stack.ProbeTarget;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.hadoop.HadoopCatalog;
import org.apache.iceberg.hive.HiveCatalog;

import java.nio.file.Path;
import java.util.Map;

/**
 * The Iceberg catalog {@code lakehouse} as the CLI opens it: Iceberg's HiveCatalog on the metastore's Thrift URI,
 * data on HDFS under the warehouse (the same values Spark, Flink and Trino are configured with, see
 * compose/spark/spark-defaults.conf). Tests use a Hadoop catalog on a local directory instead.
 */
public final class LakehouseCatalog {
    public static final String NAME = "lakehouse";

    private LakehouseCatalog() {
    }

    /** The running stack's catalog: thrift://host:HIVE_METASTORE_PORT, hdfs://host:NAMENODE_RPC_PORT/warehouse. */
    public static Catalog forStack(ProbeTarget stack) {
        return hive("thrift://" + stack.address("HIVE_METASTORE_PORT"),
                "hdfs://" + stack.address("NAMENODE_RPC_PORT") + "/warehouse");
    }

    public static Catalog hive(String metastoreUri, String warehouse) {
        Configuration conf = hadoopConf();
        conf.set("dfs.replication", Short.toString(replicationOf(warehouse, conf)));
        conf.set("hive.metastore.uris", metastoreUri);
        HiveCatalog catalog = new HiveCatalog();
        catalog.setConf(conf);
        catalog.initialize(NAME, Map.of(CatalogProperties.URI, metastoreUri,
                CatalogProperties.WAREHOUSE_LOCATION, warehouse,
                CatalogProperties.CLIENT_POOL_SIZE, "2",
                // Tables it creates commit without the metastore's lock (Hive 4's atomic swap of
                // metadata_location, HIVE-26882), as every engine's catalog here (docs/lock-free-commits.md).
                CatalogProperties.TABLE_DEFAULT_PREFIX + TableProperties.HIVE_LOCK_ENABLED, "false"));
        return catalog;
    }

    /** A catalog of plain directories (tests, measurements): no metastore, no HDFS. */
    public static Catalog localHadoop(Path warehouse) {
        HadoopCatalog catalog = new HadoopCatalog();
        catalog.setConf(hadoopConf());
        catalog.initialize(NAME, Map.of(CatalogProperties.WAREHOUSE_LOCATION, warehouse.toAbsolutePath().toUri()
                .toString()));
        return catalog;
    }

    /**
     * The replicas the NameNode gives a file by default (its dfs.replication, min(3, N) of N DataNodes as the model
     * renders it): asked of the NameNode, so the CLI's files are replicated as the engines' are at any scale.
     */
    static short replicationOf(String warehouse, Configuration conf) {
        if (!warehouse.startsWith("hdfs://")) {
            return 1;
        }
        try (org.apache.hadoop.fs.FileSystem fs = org.apache.hadoop.fs.FileSystem.newInstance(
                java.net.URI.create(warehouse), conf)) {
            return fs.getServerDefaults(new org.apache.hadoop.fs.Path("/")).getReplication();
        } catch (java.io.IOException e) {
            return 1;   // the NameNode does not answer: opening the catalog's files will say so
        }
    }

    private static Configuration hadoopConf() {
        Configuration conf = new Configuration(false);
        // one replica unless the NameNode says otherwise (replicationOf), DataNodes reached by the address they announce
        conf.set("dfs.replication", "1");
        conf.set("fs.hdfs.impl", "org.apache.hadoop.hdfs.DistributedFileSystem");
        conf.set("fs.file.impl", "org.apache.hadoop.fs.LocalFileSystem");
        return conf;
    }
}
