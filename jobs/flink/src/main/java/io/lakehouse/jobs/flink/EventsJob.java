package io.lakehouse.jobs.flink;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.kafka.shaded.org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.runtime.typeutils.InternalTypeInfo;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.flink.FlinkSchemaUtil;
import org.apache.iceberg.flink.TableLoader;
import org.apache.iceberg.flink.sink.FlinkSink;
import org.apache.iceberg.types.Types;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Map;

/**
 * Clickstream events (topic {@code shop.events}) into the Iceberg table {@code bronze.events} with exactly-once
 * commits (Iceberg commits on each checkpoint; the Kafka offsets are in the same checkpoint), and realtime totals per
 * product and per customer into the CQL serving store (serving.product_activity, serving.customer_activity): absolute
 * totals from keyed state, upserted, so a replay after a restart writes the same values again.
 *
 * <p>Arguments: {@code --kafka host:port --metastore thrift://host:port --warehouse hdfs://host:port/warehouse
 * --checkpoints hdfs://host:port/flink/checkpoints/lakehouse-events [--cql host:port]};
 * without {@code --cql} the job writes bronze.events only.
 */
public final class EventsJob {
    public static final String NAME = "lakehouse-events";
    public static final String CONSUMER_GROUP = NAME;
    public static final String TOPIC = "shop.events";
    public static final TableIdentifier BRONZE_EVENTS = TableIdentifier.of(CdcTable.BRONZE, "events");

    /** bronze.events, as contracts.md fixes it. */
    public static final Schema SCHEMA = new Schema(
            Types.NestedField.optional(1, "event_id", Types.StringType.get()),
            Types.NestedField.optional(2, "event_type", Types.StringType.get()),
            Types.NestedField.optional(3, "customer_id", Types.LongType.get()),
            Types.NestedField.optional(4, "product_sku", Types.StringType.get()),
            Types.NestedField.optional(5, "session_id", Types.StringType.get()),
            Types.NestedField.optional(6, "event_ts", Types.TimestampType.withZone()));

    static final long SERVING_EMIT_DELAY_MILLIS = 1000;
    static final String PRODUCT_ACTIVITY_UPSERT = "INSERT INTO serving.product_activity "
            + "(product_sku, views, add_to_carts, purchases, last_event_ts) VALUES (?, ?, ?, ?, ?)";
    static final String CUSTOMER_ACTIVITY_UPSERT = "INSERT INTO serving.customer_activity "
            + "(customer_id, events, last_event_ts, last_event_type) VALUES (?, ?, ?, ?)";

    private static final Logger LOG = LoggerFactory.getLogger(EventsJob.class);

    private EventsJob() {
    }

    public static void main(String[] args) throws Exception {
        JobArguments arguments = JobArguments.parse(NAME, args);
        LakehouseCatalog catalog = LakehouseCatalog.from(arguments);
        createBronzeEvents(catalog);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                Checkpointing.configuration(NAME, arguments.required("checkpoints")));
        KafkaSource<ShopEvent> source = KafkaSource.<ShopEvent>builder()
                .setBootstrapServers(arguments.required("kafka"))
                .setTopics(TOPIC)
                .setGroupId(CONSUMER_GROUP)
                // used only without a checkpoint to restore: resume where the last checkpoint committed, else start over
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setProperty("commit.offsets.on.checkpoint", "true")
                // seed publishes in one transaction: never read records of an aborted or unfinished one
                .setProperty("isolation.level", "read_committed")
                .setValueOnlyDeserializer(new ShopEventDeserializer())
                .build();
        DataStream<ShopEvent> events = env.fromSource(source, WatermarkStrategy.noWatermarks(), TOPIC)
                .uid("shop-events-source");

        FlinkSink.forRowData(events.map(EventsJob::toRow)
                        .returns(InternalTypeInfo.of(FlinkSchemaUtil.convert(SCHEMA)))
                        .uid("events-to-rows").name("events to rows"))
                .tableLoader(TableLoader.fromCatalog(catalog.loader(), BRONZE_EVENTS))
                .uidPrefix("bronze-events")
                .append();

        String cql = arguments.optional("cql", "");
        if (cql.isEmpty()) {
            LOG.warn("{}: no --cql given, so no realtime totals are written to the serving store", NAME);
        } else {
            CqlUpsertSink.CqlEndpoint endpoint = CqlUpsertSink.CqlEndpoint.parse(cql);
            events.keyBy(ShopEvent::productSku)
                    .process(new ActivityTotals<>(ProductActivity.class, new ProductFold(), SERVING_EMIT_DELAY_MILLIS))
                    .returns(TypeInformation.of(ProductActivity.class))
                    .uid("product-activity").name("product activity totals")
                    .sinkTo(new CqlUpsertSink<>(endpoint, PRODUCT_ACTIVITY_UPSERT, EventsJob::productValues))
                    .uid("product-activity-cql").name("serving.product_activity");
            events.keyBy(ShopEvent::customerId)
                    .process(new ActivityTotals<>(CustomerActivity.class, new CustomerFold(), SERVING_EMIT_DELAY_MILLIS))
                    .returns(TypeInformation.of(CustomerActivity.class))
                    .uid("customer-activity").name("customer activity totals")
                    .sinkTo(new CqlUpsertSink<>(endpoint, CUSTOMER_ACTIVITY_UPSERT, EventsJob::customerValues))
                    .uid("customer-activity-cql").name("serving.customer_activity");
        }
        env.execute(NAME);
    }

    /** Creates bronze.events (format v2) unless it exists; safe when two submissions race. */
    static void createBronzeEvents(LakehouseCatalog catalog) {
        Catalog iceberg = catalog.loader().loadCatalog();
        Namespace bronze = Namespace.of(CdcTable.BRONZE);
        if (iceberg instanceof SupportsNamespaces namespaces && !namespaces.namespaceExists(bronze)) {
            try {
                namespaces.createNamespace(bronze);
            } catch (AlreadyExistsException raced) {
                // created meanwhile: fine
            }
        }
        if (!iceberg.tableExists(BRONZE_EVENTS)) {
            try {
                iceberg.createTable(BRONZE_EVENTS, SCHEMA, PartitionSpec.unpartitioned(), Map.of(
                        "format-version", "2",
                        "write.metadata.delete-after-commit.enabled", "true",
                        "write.metadata.previous-versions-max", "50"));
            } catch (AlreadyExistsException raced) {
                // created meanwhile: fine
            }
        }
        Checkpointing.withoutEmptyCommits(iceberg.loadTable(BRONZE_EVENTS));
    }

    static RowData toRow(ShopEvent event) {
        return GenericRowData.of(StringData.fromString(event.eventId()), StringData.fromString(event.eventType()),
                event.customerId(), StringData.fromString(event.productSku()), StringData.fromString(event.sessionId()),
                TimestampData.fromEpochMillis(event.eventTsMillis()));
    }

    static Object[] productValues(ProductActivity totals) {
        return new Object[] {totals.productSku(), totals.views(), totals.addToCarts(), totals.purchases(),
                Instant.ofEpochMilli(totals.lastEventTsMillis())};
    }

    static Object[] customerValues(CustomerActivity totals) {
        return new Object[] {totals.customerId(), totals.events(), Instant.ofEpochMilli(totals.lastEventTsMillis()),
                totals.lastEventType()};
    }

    static final class ProductFold implements ActivityTotals.Fold<String, ProductActivity> {
        @Override
        public ProductActivity empty(String productSku) {
            return ProductActivity.empty(productSku);
        }

        @Override
        public ProductActivity add(ProductActivity totals, ShopEvent event) {
            return totals.add(event);
        }
    }

    static final class CustomerFold implements ActivityTotals.Fold<Long, CustomerActivity> {
        @Override
        public CustomerActivity empty(Long customerId) {
            return CustomerActivity.empty(customerId);
        }

        @Override
        public CustomerActivity add(CustomerActivity totals, ShopEvent event) {
            return totals.add(event);
        }
    }
}
