package io.lakehouse.marts;

import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * One business-facing table over gold, defined once per engine: {@code marts/trino/<name>.sql} (an Iceberg table in
 * {@code lakehouse.marts}, refreshed by Trino) and {@code marts/starrocks/<name>.sql} (an asynchronous materialized
 * view in StarRocks). Both give the same columns and rows.
 */
public record Mart(String name, Path trinoSql, Path starRocksSql) {
    public Mart {
        requireNonNull(name, "name");
        requireNonNull(trinoSql, "trinoSql");
        requireNonNull(starRocksSql, "starRocksSql");
    }

    /** The Iceberg table Trino keeps the mart in. */
    public String trinoTable() {
        return "lakehouse.marts." + name;
    }
}
