package io.lakehouse.bootstrap;

import io.lakehouse.serving.ServingStore;
import io.lakehouse.serving.ServingTable;
import io.lakehouse.stack.ProbeTarget;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Creates the serving store's keyspace {@code serving} and its tables where missing. A table that exists with other
 * columns than declared is reported and left as it is (its data may matter; drop it by hand to have it recreated).
 */
public final class ServingStoreStep implements BootstrapStep {
    @Override
    public String name() {
        return "serving store";
    }

    @Override
    public List<String> needs() {
        return List.of("serving-store");
    }

    @Override
    public List<StepOutcome> apply(ProbeTarget stack) {
        List<StepOutcome> outcomes = new ArrayList<>();
        try (ServingStore store = ServingStore.connect(stack.hostOf("SERVING_STORE_PORT"), stack.port("SERVING_STORE_PORT"))) {
            if (store.keyspaceExists()) {
                outcomes.add(new StepOutcome(name(), "keyspace " + ServingStore.KEYSPACE, false, "present"));
            } else {
                store.createKeyspace();
                outcomes.add(new StepOutcome(name(), "keyspace " + ServingStore.KEYSPACE, true,
                        "created (SimpleStrategy, replication factor 1)"));
            }
            for (ServingTable table : ServingStore.TABLES) {
                Map<String, String> existing = store.columnsOf(table.name());
                if (existing.isEmpty()) {
                    store.createTable(table);
                    outcomes.add(new StepOutcome(name(), "table " + table.qualifiedName(), true,
                            "created, " + table.columns().size() + " columns, key " + table.partitionKey()));
                } else if (existing.equals(table.columns())) {
                    outcomes.add(new StepOutcome(name(), "table " + table.qualifiedName(), false,
                            "present, " + existing.size() + " columns as declared"));
                } else {
                    outcomes.add(new StepOutcome(name(), "table " + table.qualifiedName(), false,
                            "present with columns " + existing + ", declared " + table.columns()
                            + " (left as is; drop it to have it recreated)"));
                }
            }
        }
        return outcomes;
    }
}
