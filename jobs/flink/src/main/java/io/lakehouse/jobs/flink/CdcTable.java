package io.lakehouse.jobs.flink;

import io.lakehouse.shop.ShopSchema;
import io.lakehouse.shop.ShopTable;

import java.util.List;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * A MySQL table of the shop captured by Debezium (topic {@code cdc.shop.<name>}) and its bronze Iceberg table
 * {@code bronze.<name>}, kept as upserts on the primary key: Iceberg format v2, the key as identifier fields, an
 * update or delete written as an equality delete.
 */
public record CdcTable(String name, List<CdcColumn> columns, List<String> primaryKey) {
    public static final String TOPIC_PREFIX = "cdc.shop.";
    public static final String BRONZE = "bronze";

    /** The shop's tables (io.lakehouse.shop.ShopSchema, the one description), in MySQL's column order. */
    public static final List<CdcTable> SHOP = ShopSchema.TABLES.stream().map(CdcTable::of).toList();

    /** The captured form of a shop table: its columns as Debezium writes them, its key. */
    public static CdcTable of(ShopTable table) {
        return new CdcTable(table.name(), table.columns().stream().map(CdcColumn::of).toList(), table.primaryKey());
    }

    public CdcTable {
        requireNonNull(name, "name");
        columns = List.copyOf(columns);
        primaryKey = List.copyOf(primaryKey);
        List<String> names = columns.stream().map(CdcColumn::name).toList();
        if (!names.containsAll(primaryKey) || primaryKey.isEmpty()) {
            throw new IllegalArgumentException(name + ": primary key " + primaryKey + " must be columns of " + names);
        }
    }

    public String topic() {
        return TOPIC_PREFIX + name;
    }

    String sourceTable() {
        return "`cdc_" + name + "`";
    }

    String bronzeTable() {
        return LakehouseCatalog.NAME + "." + BRONZE + ".`" + name + "`";
    }

    private String primaryKeyClause() {
        return "PRIMARY KEY (" + primaryKey.stream().map(k -> "`" + k + "`").collect(Collectors.joining(", "))
                + ") NOT ENFORCED";
    }

    /**
     * The change-event topic as a changelog table: Flink's debezium-json format turns Debezium's c/r/u/d envelopes
     * into inserts, update pairs and deletes. Offsets come from the checkpoint; a job started without one resumes at
     * the group's committed offsets (committed on each checkpoint), else at the earliest.
     */
    public String sourceDdl(String kafkaBootstrap, String groupId) {
        String cols = columns.stream().map(c -> c.quoted() + " " + c.sourceType()).collect(Collectors.joining(", "));
        return "CREATE TEMPORARY TABLE " + sourceTable() + " (" + cols + ", " + primaryKeyClause() + ") WITH ("
                + "'connector'='kafka', 'topic'='" + topic() + "', "
                + "'properties.bootstrap.servers'='" + kafkaBootstrap + "', "
                + "'properties.group.id'='" + groupId + "', "
                + "'properties.auto.offset.reset'='earliest', "
                + "'scan.startup.mode'='group-offsets', "
                + "'format'='debezium-json', 'debezium-json.schema-include'='false')";
    }

    /** The bronze table, created when missing; upserts need format v2 and the key as identifier fields. */
    public String bronzeDdl() {
        String cols = columns.stream()
                .map(c -> c.quoted() + " " + c.bronzeType() + (primaryKey.contains(c.name()) ? " NOT NULL" : ""))
                .collect(Collectors.joining(", "));
        return "CREATE TABLE IF NOT EXISTS " + bronzeTable() + " (" + cols + ", " + primaryKeyClause() + ") WITH ("
                + "'format-version'='2', 'write.upsert.enabled'='true', "
                // a commit every few seconds: keep the metadata folder from growing without bound
                + "'write.metadata.delete-after-commit.enabled'='true', 'write.metadata.previous-versions-max'='50')";
    }

    public String insertSql() {
        return "INSERT INTO " + bronzeTable() + " SELECT "
                + columns.stream().map(CdcColumn::selectExpression).collect(Collectors.joining(", "))
                + " FROM " + sourceTable();
    }
}
