package io.lakehouse.bench;

import io.lakehouse.seed.files.FileSchema;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileLoadBenchmarkTest {
    @Test
    void sparkTypesEveryDeclaredColumnWithTryCastAndInsertsTwice() throws Exception {
        FileSchema customers = FileSchema.read(Path.of(System.getProperty("user.dir"))
                .resolve("../sample-data/schemas/customers.json"));
        String sql = FileLoadBenchmark.sparkSql(customers, "hdfs://h:1/bench/c.csv");
        assertTrue(sql.contains("USING csv OPTIONS (path 'hdfs://h:1/bench/c.csv', header 'true', multiLine 'true')"), sql);
        assertTrue(sql.contains("try_cast(customer_id AS BIGINT) AS customer_id"), sql);
        assertTrue(sql.contains("try_cast(signup_date AS DATE) AS signup_date"), sql);
        assertTrue(sql.contains("customers_spark (customer_id BIGINT, first_name STRING"), sql);
        assertEquals(2, sql.split("INSERT OVERWRITE", -1).length - 1);
    }
}
