package io.lakehouse.jobs.flink;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CdcTableTest {
    private final CdcTable orders = CdcTable.SHOP.get(0);
    private final CdcTable orderItems = CdcTable.SHOP.get(1);

    @Test
    void theFourShopTablesReadTheirDebeziumTopics() {
        assertEquals(List.of("cdc.shop.orders", "cdc.shop.order_items", "cdc.shop.payments", "cdc.shop.shipments"),
                CdcTable.SHOP.stream().map(CdcTable::topic).toList());
    }

    @Test
    void sourceReadsDecimalsAsStringsAndDatetimesAsEpochMillis() {
        String ddl = orders.sourceDdl("127.0.0.1:9092", "g");
        assertTrue(ddl.contains("`total_amount` STRING"), ddl);
        assertTrue(ddl.contains("`order_ts` BIGINT"), ddl);
        assertTrue(ddl.contains("'format'='debezium-json'"), ddl);
        assertTrue(ddl.contains("'topic'='cdc.shop.orders'"), ddl);
        assertTrue(ddl.contains("'properties.group.id'='g'"), ddl);
        assertTrue(ddl.contains("PRIMARY KEY (`order_id`) NOT ENFORCED"), ddl);
    }

    @Test
    void bronzeTableIsAnUpsertTableKeyedByTheMysqlPrimaryKey() {
        String ddl = orderItems.bronzeDdl();
        assertTrue(ddl.startsWith("CREATE TABLE IF NOT EXISTS lakehouse.bronze.`order_items` ("), ddl);
        assertTrue(ddl.contains("`order_id` BIGINT NOT NULL, `line_no` INT NOT NULL, `product_sku` STRING,"), ddl);
        assertTrue(ddl.contains("`unit_price` DECIMAL(10, 2)"), ddl);
        assertTrue(ddl.contains("PRIMARY KEY (`order_id`, `line_no`) NOT ENFORCED"), ddl);
        assertTrue(ddl.contains("'format-version'='2'") && ddl.contains("'write.upsert.enabled'='true'"), ddl);
    }

    @Test
    void insertConvertsEachColumnToItsBronzeType() {
        assertEquals("INSERT INTO lakehouse.bronze.`orders` SELECT `order_id` AS `order_id`, "
                + "`customer_id` AS `customer_id`, `store_id` AS `store_id`, "
                + "CAST(TO_TIMESTAMP_LTZ(`order_ts`, 3) AS TIMESTAMP(3)) AS `order_ts`, `status` AS `status`, "
                + "CAST(`total_amount` AS DECIMAL(12, 2)) AS `total_amount`, "
                + "CAST(TO_TIMESTAMP_LTZ(`updated_at`, 3) AS TIMESTAMP(3)) AS `updated_at` FROM `cdc_orders`",
                orders.insertSql());
    }

    @Test
    void aPrimaryKeyOutsideTheColumnsIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new CdcTable("t", List.of(CdcColumn.bigint("a")), List.of("b")));
    }
}
