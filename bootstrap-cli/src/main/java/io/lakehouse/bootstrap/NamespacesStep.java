package io.lakehouse.bootstrap;

import io.lakehouse.stack.ProbeTarget;
import org.apache.hadoop.hive.metastore.api.Database;
import org.apache.hadoop.hive.metastore.api.ThriftHiveMetastore;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.transport.TSocket;

import java.util.ArrayList;
import java.util.List;

/**
 * Creates the Iceberg namespaces of the catalog {@code lakehouse} (Hive databases in the metastore, located under
 * the warehouse on HDFS) that are missing: bronze (raw, as landed), silver (cleaned, conformed), gold (facts and
 * dimensions), marts (what analysts query).
 */
public final class NamespacesStep implements BootstrapStep {
    public static final List<String> NAMESPACES = List.of("bronze", "silver", "gold", "marts");
    private static final String OWNER = "lakehouse";

    @Override
    public String name() {
        return "iceberg namespaces";
    }

    @Override
    public List<String> needs() {
        return List.of("hive-metastore");
    }

    @Override
    public List<StepOutcome> apply(ProbeTarget stack) throws Exception {
        List<StepOutcome> outcomes = new ArrayList<>();
        TSocket socket = new TSocket(stack.hostOf("HIVE_METASTORE_PORT"), stack.port("HIVE_METASTORE_PORT"), 30_000);
        socket.open();
        try {
            ThriftHiveMetastore.Client client = new ThriftHiveMetastore.Client(new TBinaryProtocol(socket));
            List<String> existing = client.get_all_databases();
            for (String namespace : NAMESPACES) {
                if (existing.contains(namespace)) {
                    outcomes.add(new StepOutcome(name(), "lakehouse." + namespace, false,
                            "present at " + client.get_database(namespace).getLocationUri()));
                    continue;
                }
                Database database = new Database(namespace, description(namespace), null, null);
                database.setOwnerName(OWNER);
                client.create_database(database);
                outcomes.add(new StepOutcome(name(), "lakehouse." + namespace, true,
                        "created at " + client.get_database(namespace).getLocationUri()));
            }
        } finally {
            socket.close();
        }
        return outcomes;
    }

    private static String description(String namespace) {
        return switch (namespace) {
            case "bronze" -> "raw records as landed from the sources, with quarantine";
            case "silver" -> "cleaned, deduplicated, conformed tables";
            case "gold" -> "facts and dimensions";
            case "marts" -> "business-facing tables for analysts";
            default -> namespace;
        };
    }
}
