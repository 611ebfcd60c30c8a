package io.lakehouse.seed.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SampleGeneratorTest {
    static Path repo() {
        return Path.of(System.getProperty("lakehouse.home", "..")).toAbsolutePath().normalize();
    }

    @Test
    void committedSampleDataIsTheGeneratorsScaleOneOutputByteForByte(@TempDir Path dir) throws Exception {
        List<Path> written = new SampleGenerator(1).generate().writeTo(dir);
        for (Path file : written) {
            Path committed = repo().resolve("sample-data").resolve(dir.relativize(file));
            assertArrayEquals(Files.readAllBytes(committed), Files.readAllBytes(file),
                    committed + " differs from the generator's output; regenerate with SampleDataMain sample-data 1");
        }
    }

    @Test
    void theReadmeDocumentsTheShopSchemaAsTheSchemaDeclaresIt() throws Exception {
        String readme = Files.readString(repo().resolve("sample-data/README.md"));
        assertEquals(SchemaSection.expected(), SchemaSection.current(readme),
                "sample-data/README.md's shop schema is stale; regenerate with SampleDataMain sample-data 1");
    }

    @Test
    void sameScaleGivesSameBytesAndScaleMultipliesRows(@TempDir Path a, @TempDir Path b) throws Exception {
        new SampleGenerator(2).generate().writeTo(a);
        new SampleGenerator(2).generate().writeTo(b);
        for (String f : List.of(SampleDataset.CUSTOMERS_FILE, SampleDataset.PRODUCTS_FILE, SampleDataset.SHOP_SQL_FILE)) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
        ExpectedCounts two = ExpectedCounts.forScale(2);
        assertEquals(2020, two.files().get("customers").recordsIn());
        assertEquals(2000, two.files().get("customers").landed());
        assertEquals(600, two.files().get("products").landed());
        assertEquals(4000, two.mysqlRows().get("orders"));
        assertEquals(40_000, two.events());
    }

    @Test
    void scaleOneCountsAreTheDocumentedOnes() {
        ExpectedCounts one = ExpectedCounts.forScale(1);
        ExpectedCounts.FileSource customers = one.files().get("customers");
        assertEquals(1010, customers.recordsIn());
        assertEquals(1000, customers.landed());
        assertEquals(java.util.Map.of("bad_date", 3L, "bad_number", 2L, "missing_required", 2L,
                "wrong_column_count", 3L), customers.quarantinedByReason());
        assertEquals(21, one.files().get("stores").recordsIn());
        assertEquals(java.util.Map.of("bad_number", 1L), one.files().get("stores").quarantinedByReason());
        assertEquals(303, one.files().get("products").recordsIn());
        assertEquals(java.util.Map.of("bad_number", 1L, "malformed_element", 1L, "missing_required", 1L),
                one.files().get("products").quarantinedByReason());
    }

    @Test
    void databaseRefersOnlyToGoodCustomersStoresAndProducts() {
        SampleDataset data = new SampleGenerator(1).generate();
        Set<String> skus = new HashSet<>();
        data.products().forEach(p -> skus.add(p.sku()));
        data.orders().forEach(o -> {
            assertTrue(o.customerId() >= 1 && o.customerId() <= 1000, "customer " + o.customerId());
            assertTrue(o.storeId() >= 1 && o.storeId() <= 20, "store " + o.storeId());
        });
        data.orderItems().forEach(i -> assertTrue(skus.contains(i.productSku()), i.productSku()));
        // totals are the sum of their lines
        java.util.Map<Long, java.math.BigDecimal> sums = new java.util.HashMap<>();
        data.orderItems().forEach(i -> sums.merge(i.orderId(),
                i.unitPrice().multiply(java.math.BigDecimal.valueOf(i.quantity())), java.math.BigDecimal::add));
        data.orders().forEach(o -> assertEquals(0, sums.get(o.orderId()).compareTo(o.totalAmount())));
    }

    @Test
    void eventsAreDeterministicAndOfTheContractsShape() {
        List<String> first = new ArrayList<>();
        new EventGenerator(1).forEachRemaining(e -> first.add(e.toJson()));
        List<String> second = new ArrayList<>();
        new EventGenerator(1).forEachRemaining(e -> second.add(e.toJson()));
        assertEquals(20_000, first.size());
        assertEquals(first, second);
        assertTrue(first.get(0).matches("\\{\"event_id\":\"e-00000001\",\"event_type\":\"page_view\",\"customer_id\":"
                + "\\d+,\"product_sku\":\"SKU-\\d{5}\",\"session_id\":\"s-000001\",\"event_ts\":17620\\d{8}}"),
                first.get(0));
    }
}
