package io.lakehouse.serving;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/** A table of the serving store: its name in keyspace {@code serving}, columns (name to CQL type), partition key. */
public record ServingTable(String name, Map<String, String> columns, String partitionKey) {
    public ServingTable {
        requireNonNull(name, "name");
        requireNonNull(partitionKey, "partitionKey");
        columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        if (!columns.containsKey(partitionKey)) {
            throw new IllegalArgumentException(name + ": the partition key " + partitionKey + " is not a column");
        }
    }

    public String qualifiedName() {
        return ServingStore.KEYSPACE + "." + name;
    }

    /** Idempotent: {@code CREATE TABLE IF NOT EXISTS}, so a concurrent creator is no failure. */
    public String createStatement() {
        return "CREATE TABLE IF NOT EXISTS " + qualifiedName() + " ("
                + columns.entrySet().stream().map(c -> c.getKey() + " " + c.getValue()
                        + (c.getKey().equals(partitionKey) ? " PRIMARY KEY" : ""))
                .collect(Collectors.joining(", "))
                + ")";
    }
}
