package io.lakehouse.it;

import io.lakehouse.stack.ServiceDefinition;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Flink SQL job on the session cluster inserts rows into an Iceberg table of the catalog {@code lakehouse}; Trino
 * reads them after the commit. The SQL client is the distribution's own, run from the service folder.
 */
@Order(1)
@LocalStackTest
class FlinkToTrinoIT {

    @Test
    void flinkSqlInsertIsReadByTrinoAfterTheCommit(LocalStack stack) throws Exception {
        ServiceDefinition jobManager = stack.catalog().get("flink-jobmanager");
        Path conf = stack.layout().confDir(jobManager);
        Path dist = stack.layout().distribution(jobManager.local().distribution());
        Path script = Files.createTempFile(stack.layout().stateDir(), "flink-it", ".sql");
        Files.writeString(script, String.join("\n",
                "SET 'execution.runtime-mode' = 'batch';",
                "SET 'table.dml-sync' = 'true';",
                "CREATE CATALOG lakehouse WITH ('type'='iceberg', 'catalog-type'='hive', "
                        + "'uri'='thrift://127.0.0.1:" + stack.endpoints().port("HIVE_METASTORE_PORT") + "', "
                        + "'warehouse'='hdfs://127.0.0.1:" + stack.endpoints().port("NAMENODE_RPC_PORT") + "/warehouse');",
                "CREATE DATABASE IF NOT EXISTS lakehouse.it_engines;",
                "DROP TABLE IF EXISTS lakehouse.it_engines.flink_rows;",
                "CREATE TABLE lakehouse.it_engines.flink_rows (id BIGINT, name STRING);",
                "INSERT INTO lakehouse.it_engines.flink_rows VALUES (1, 'ada'), (2, 'grace'), (3, 'edsger');",
                ""));

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m"));
        for (String line : Files.readAllLines(conf.resolve("config.yaml"))) {
            if (line.strip().startsWith("all:")) {
                command.addAll(List.of(line.strip().substring(4).strip().split("\\s+")));
            }
        }
        command.addAll(List.of("-Dlog4j.configurationFile=" + conf.resolve("log4j2.properties"),
                "-cp", dist.resolve("lib") + "/*:" + dist.resolve("opt") + "/*",
                "org.apache.flink.table.client.SqlClient", "-f", script.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("FLINK_CONF_DIR", conf.toString());
        String output = ExternalCommand.run(builder, java.time.Duration.ofSeconds(300))
                .assertSucceeded("the Flink SQL client").output();

        try (Connection trino = stack.endpoints().trino();
             Statement sql = trino.createStatement();
             ResultSet rs = sql.executeQuery("SELECT count(*), sum(id), max(name) FROM lakehouse.it_engines.flink_rows")) {
            assertTrue(rs.next());
            assertEquals(3, rs.getLong(1), "rows Flink committed, as Trino reads them:\n" + output);
            assertEquals(6, rs.getLong(2));
            assertEquals("grace", rs.getString(3));
        }
    }
}
