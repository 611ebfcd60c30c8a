package io.lakehouse.it;

import io.lakehouse.seed.sample.EventGenerator;
import io.lakehouse.seed.sample.ShopEvent;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.io.RollingDataWriter;
import org.apache.iceberg.types.Type;
import org.apache.iceberg.types.Types;

import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.apache.iceberg.types.Types.NestedField.required;

/**
 * Stand-ins for the bronze tables the streaming jobs write (bronze.orders, order_items, payments, shipments from CDC;
 * bronze.events from the event topic), for tests of what reads them while those jobs are not part of seed: the same
 * columns and types as contracts.md (format v2, the primary key as identifier fields), filled with what the jobs
 * would land: MySQL's rows after the application's changes, and the generator's events. A table that already
 * exists (written by the real job) is left alone.
 */
final class BronzeStandIns {
    private static final Type TS = Types.TimestampType.withoutZone();

    /** contracts.md: MySQL's columns, DECIMAL as decimal, DATETIME as timestamp without time zone. */
    static final Map<String, Schema> CDC_TABLES = Map.of(
            "orders", new Schema(List.of(required(1, "order_id", Types.LongType.get()),
                    optional(2, "customer_id", Types.LongType.get()), optional(3, "store_id", Types.IntegerType.get()),
                    optional(4, "order_ts", TS), optional(5, "status", Types.StringType.get()),
                    optional(6, "total_amount", Types.DecimalType.of(12, 2)), optional(7, "updated_at", TS)),
                    Set.of(1)),
            "order_items", new Schema(List.of(required(1, "order_id", Types.LongType.get()),
                    required(2, "line_no", Types.IntegerType.get()), optional(3, "product_sku", Types.StringType.get()),
                    optional(4, "quantity", Types.IntegerType.get()),
                    optional(5, "unit_price", Types.DecimalType.of(10, 2))), Set.of(1, 2)),
            "payments", new Schema(List.of(required(1, "payment_id", Types.LongType.get()),
                    optional(2, "order_id", Types.LongType.get()), optional(3, "method", Types.StringType.get()),
                    optional(4, "amount", Types.DecimalType.of(12, 2)), optional(5, "paid_at", TS)), Set.of(1)),
            "shipments", new Schema(List.of(required(1, "shipment_id", Types.LongType.get()),
                    optional(2, "order_id", Types.LongType.get()), optional(3, "carrier", Types.StringType.get()),
                    optional(4, "shipped_at", TS), optional(5, "delivered_at", TS),
                    optional(6, "status", Types.StringType.get())), Set.of(1)));

    static final Schema EVENTS = new Schema(optional(1, "event_id", Types.StringType.get()),
            optional(2, "event_type", Types.StringType.get()), optional(3, "customer_id", Types.LongType.get()),
            optional(4, "product_sku", Types.StringType.get()), optional(5, "session_id", Types.StringType.get()),
            optional(6, "event_ts", Types.TimestampType.withZone()));

    private BronzeStandIns() {
    }

    /** bronze.<table> for each CDC table that is missing, with MySQL's current rows. Returns the tables created. */
    static List<String> cdcTablesFromMySql(Catalog catalog, Connection mysql) throws SQLException, IOException {
        List<String> created = new ArrayList<>();
        for (Map.Entry<String, Schema> entry : CDC_TABLES.entrySet()) {
            TableIdentifier id = TableIdentifier.of("bronze", entry.getKey());
            if (catalog.tableExists(id)) {
                continue;
            }
            Schema schema = entry.getValue();
            List<Record> rows = new ArrayList<>();
            try (Statement sql = mysql.createStatement();
                 ResultSet rs = sql.executeQuery("SELECT * FROM " + entry.getKey())) {
                while (rs.next()) {
                    GenericRecord row = GenericRecord.create(schema);
                    for (Types.NestedField field : schema.columns()) {
                        row.setField(field.name(), switch (field.type().typeId()) {
                            case LONG -> rs.getObject(field.name(), Long.class);
                            case INTEGER -> rs.getObject(field.name(), Integer.class);
                            case DECIMAL -> rs.getBigDecimal(field.name());
                            case TIMESTAMP -> rs.getObject(field.name(), LocalDateTime.class);
                            default -> rs.getString(field.name());
                        });
                    }
                    rows.add(row);
                }
            }
            write(create(catalog, id, schema), rows);
            created.add(id.toString());
        }
        return created;
    }

    /** Events delivered twice at the start of bronze.events, as an at-least-once consumer replays them. */
    static final int REPLAYED_EVENTS = 50;

    /**
     * bronze.events, when missing, with the generator's events of this scale (what the events job lands), plus the
     * first {@value #REPLAYED_EVENTS} again in a second commit, which silver must deduplicate.
     */
    static boolean eventsFromGenerator(Catalog catalog, int scale) throws IOException {
        TableIdentifier id = TableIdentifier.of("bronze", "events");
        if (catalog.tableExists(id)) {
            return false;
        }
        List<Record> rows = new ArrayList<>();
        EventGenerator events = new EventGenerator(scale);
        while (events.hasNext()) {
            ShopEvent event = events.next();
            GenericRecord row = GenericRecord.create(EVENTS);
            row.setField("event_id", event.eventId());
            row.setField("event_type", event.eventType());
            row.setField("customer_id", event.customerId());
            row.setField("product_sku", event.productSku());
            row.setField("session_id", event.sessionId());
            row.setField("event_ts", Instant.ofEpochMilli(event.eventTsMillis()).atOffset(ZoneOffset.UTC));
            rows.add(row);
        }
        Table table = create(catalog, id, EVENTS);
        write(table, rows);
        write(table, rows.subList(0, REPLAYED_EVENTS));
        return true;
    }

    private static Table create(Catalog catalog, TableIdentifier id, Schema schema) {
        return catalog.buildTable(id, schema).withPartitionSpec(PartitionSpec.unpartitioned())
                .withProperty(TableProperties.FORMAT_VERSION, "2").create();
    }

    private static void write(Table table, List<Record> rows) throws IOException {
        GenericFileWriterFactory factory = new GenericFileWriterFactory.Builder(table)
                .dataFileFormat(org.apache.iceberg.FileFormat.PARQUET).dataSchema(table.schema()).build();
        OutputFileFactory files = OutputFileFactory.builderFor(table, 1, System.currentTimeMillis())
                .format(org.apache.iceberg.FileFormat.PARQUET).build();
        RollingDataWriter<Record> writer = new RollingDataWriter<>(factory, files, table.io(),
                TableProperties.WRITE_TARGET_FILE_SIZE_BYTES_DEFAULT, table.spec(), null);
        try (writer) {
            rows.forEach(writer::write);
        }
        AppendFiles append = table.newAppend();
        writer.result().dataFiles().forEach(append::appendFile);
        append.commit();
    }
}
