package io.lakehouse.jobs.flink;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.StatementSet;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * MySQL change events (Debezium, topics {@code cdc.shop.*}) applied to the bronze Iceberg tables as upserts, the four
 * tables in one Flink job (one StatementSet). Each checkpoint (every 5 s) commits to Iceberg what arrived since the
 * last one; the Kafka offsets are in the same checkpoint, so a restart neither loses nor repeats a change (and a
 * repeated change would be an idempotent upsert anyway).
 *
 * <p>Arguments: {@code --kafka host:port --metastore thrift://host:port --warehouse hdfs://host:port/warehouse
 * --checkpoints hdfs://host:port/flink/checkpoints/lakehouse-cdc-to-bronze}.
 */
public final class CdcToBronzeJob {
    public static final String NAME = "lakehouse-cdc-to-bronze";
    public static final String CONSUMER_GROUP = NAME;

    private CdcToBronzeJob() {
    }

    public static void main(String[] args) throws Exception {
        JobArguments arguments = JobArguments.parse(NAME, args);
        String kafka = arguments.required("kafka");
        LakehouseCatalog catalog = LakehouseCatalog.from(arguments);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                Checkpointing.configuration(NAME, arguments.required("checkpoints")));
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        // Debezium's DATETIME millis are wall-clock values written as if UTC (see CdcColumn.datetime)
        tables.getConfig().set("table.local-time-zone", "UTC");
        // source and sink share the primary key: no materializing state in front of the upsert sink
        tables.getConfig().set("table.exec.sink.upsert-materialize", "NONE");
        tables.getConfig().set("table.exec.source.cdc-events-duplicate", "false");

        tables.executeSql(catalog.createCatalogSql());
        tables.executeSql("CREATE DATABASE IF NOT EXISTS " + LakehouseCatalog.NAME + "." + CdcTable.BRONZE);
        StatementSet inserts = tables.createStatementSet();
        Catalog iceberg = catalog.loader().loadCatalog();
        for (CdcTable table : CdcTable.SHOP) {
            tables.executeSql(table.bronzeDdl());
            Checkpointing.withoutEmptyCommits(iceberg.loadTable(
                    TableIdentifier.of(CdcTable.BRONZE, table.name())));
            tables.executeSql(table.sourceDdl(kafka, CONSUMER_GROUP));
            inserts.addInsertSql(table.insertSql());
        }
        inserts.execute();
    }
}
