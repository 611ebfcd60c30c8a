package io.lakehouse.shop;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShopSchemaTest {

    @Test
    void theFourTablesOfTheSeedContractInLoadOrder() {
        assertEquals(List.of("orders", "order_items", "payments", "shipments"),
                ShopSchema.TABLES.stream().map(ShopTable::name).toList());
        assertEquals(List.of("order_id", "line_no"), ShopSchema.table("order_items").primaryKey());
        assertThrows(IllegalArgumentException.class, () -> ShopSchema.table("customers"));
    }

    @Test
    void mysqlDdlDeclaresEveryColumnTypeNullabilityAndKey() {
        assertEquals("""
                CREATE TABLE IF NOT EXISTS shipments (
                  shipment_id BIGINT NOT NULL,
                  order_id BIGINT NOT NULL,
                  carrier VARCHAR(32) NOT NULL,
                  shipped_at DATETIME(3) NOT NULL,
                  delivered_at DATETIME(3) NULL,
                  status VARCHAR(16) NOT NULL,
                  PRIMARY KEY (shipment_id)
                );""", ShopSchema.SHIPMENTS.mysqlDdl());
        assertTrue(ShopSchema.mysqlDdl().contains("  total_amount DECIMAL(12,2) NOT NULL,\n"));
        assertEquals(4, ShopSchema.mysqlDdl().split("CREATE TABLE IF NOT EXISTS").length - 1);
    }

    @Test
    void aKeyMustBeColumnsThatAreNeverNull() {
        assertThrows(IllegalArgumentException.class, () -> new ShopTable("t",
                List.of(ShopColumn.of("a", ColumnType.bigint())), List.of("b")));
        assertThrows(IllegalArgumentException.class, () -> new ShopTable("t",
                List.of(ShopColumn.nullable("a", ColumnType.bigint())), List.of("a")));
    }

    @Test
    void fingerprintsReadEveryColumnInOneFormOnBothEngines() {
        assertEquals("SELECT count(*), COALESCE(SUM(CRC32(CONCAT_WS('|', COALESCE(CAST(payment_id AS CHAR), ''), "
                        + "COALESCE(CAST(order_id AS CHAR), ''), COALESCE(CAST(method AS CHAR), ''), "
                        + "COALESCE(CAST(amount AS CHAR), ''), "
                        + "COALESCE(DATE_FORMAT(paid_at, '%Y-%m-%d %H:%i:%s.%f'), '')))), 0) FROM payments",
                ShopFingerprint.mysqlQuery(ShopSchema.PAYMENTS));
        assertEquals("SELECT count(*), coalesce(sum(crc32(to_utf8(concat_ws('|', coalesce(CAST(payment_id AS varchar), ''), "
                        + "coalesce(CAST(order_id AS varchar), ''), coalesce(CAST(method AS varchar), ''), "
                        + "coalesce(CAST(amount AS varchar), ''), "
                        + "coalesce(date_format(paid_at, '%Y-%m-%d %H:%i:%s.%f'), ''))))), 0) FROM lakehouse.bronze.payments",
                ShopFingerprint.trinoQuery(ShopSchema.PAYMENTS, "lakehouse.bronze"));
    }

    @Test
    void theDocumentedTableNamesEveryColumn() {
        String markdown = ShopSchema.markdown();
        for (ShopTable table : ShopSchema.TABLES) {
            table.columnNames().forEach(c -> assertTrue(markdown.contains("`" + c + "`"), c));
        }
        assertTrue(markdown.contains("`delivered_at` DATETIME(3) NULL"), markdown);
    }
}
