package io.lakehouse.seed.sample;

import io.lakehouse.seed.files.RejectReason;
import io.lakehouse.seed.sample.ShopRecords.PlannedRecord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What seed must end with at a scale, from the generator's own plan of which records are bad (never from what a
 * loader did): per flat-file source records in, landed, quarantined per reason; rows per MySQL table; events.
 */
public record ExpectedCounts(int scale, Map<String, FileSource> files, Map<String, Long> mysqlRows, long events) {
    /** A flat-file source: target table (bronze.X), file relative to sample-data/, and its counts. */
    public record FileSource(String table, String file, long recordsIn, long landed,
                             Map<String, Long> quarantinedByReason) {
        public long quarantined() {
            return quarantinedByReason.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public static ExpectedCounts forScale(int scale) {
        return of(new SampleGenerator(scale).generate());
    }

    public static ExpectedCounts of(SampleDataset data) {
        Map<String, FileSource> files = new LinkedHashMap<>();
        files.put("customers", source("bronze.customers", SampleDataset.CUSTOMERS_FILE, data.customerFile()));
        files.put("stores", source("bronze.stores", SampleDataset.STORES_FILE, data.storeFile()));
        files.put("products", source("bronze.products", SampleDataset.PRODUCTS_FILE, data.productFile()));
        Map<String, Long> mysql = new LinkedHashMap<>();
        mysql.put("orders", (long) data.orders().size());
        mysql.put("order_items", (long) data.orderItems().size());
        mysql.put("payments", (long) data.payments().size());
        mysql.put("shipments", (long) data.shipments().size());
        return new ExpectedCounts(data.scale(), files, mysql, EventGenerator.count(data.scale()));
    }

    private static FileSource source(String table, String file, List<PlannedRecord> records) {
        Map<String, Long> byReason = new TreeMap<>();
        long landed = 0;
        for (PlannedRecord record : records) {
            Optional<RejectReason> defect = record.defect();
            if (defect.isPresent()) {
                byReason.merge(defect.get().code(), 1L, Long::sum);
            } else {
                landed++;
            }
        }
        return new FileSource(table, file, records.size(), landed, byReason);
    }
}
