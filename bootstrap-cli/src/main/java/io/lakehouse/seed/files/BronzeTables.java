package io.lakehouse.seed.files;

import org.apache.iceberg.Schema;
import org.apache.iceberg.Table;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.types.Types;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Iceberg tables files land in: one per source with the declared columns (all optional in Iceberg: required
 * is enforced when typing, so a bad record is quarantined instead of failing the write) plus where each row came
 * from, and the namespace's {@code quarantine} table. Format version 2; the columns a reload overwrites by keep
 * full (untruncated) min/max metrics, which is what lets Iceberg drop a file's old rows by filter.
 */
public final class BronzeTables {
    public static final String SOURCE_FILE = "_source_file";
    public static final String SOURCE_LINE = "_source_line";
    public static final String SOURCE_PATH = "_source_path";
    public static final String QUARANTINE = "quarantine";

    public static final Schema QUARANTINE_SCHEMA = new Schema(
            Types.NestedField.optional(1, "source", Types.StringType.get(), "target table the record was meant for"),
            Types.NestedField.optional(2, "source_file", Types.StringType.get()),
            Types.NestedField.optional(3, "location", Types.StringType.get(), "line N, or the XML element path"),
            Types.NestedField.optional(4, "raw", Types.StringType.get(), "the record's text as read"),
            Types.NestedField.optional(5, "reason", Types.StringType.get(), "code: detail"),
            Types.NestedField.optional(6, "loaded_at", Types.TimestampType.withZone()));

    private BronzeTables() {
    }

    /** The table schema for a file schema: declared columns, then _source_file and _source_line or _source_path. */
    public static Schema tableSchema(FileSchema schema) {
        return tableSchema(schema.columns(), schema.format() != FileFormat.XML, schema.format() == FileFormat.XML);
    }

    /** The columns, then _source_file, then _source_line (rows from CSV, JSON lines) and/or _source_path (XML). */
    static Schema tableSchema(List<ColumnSpec> columns, boolean lines, boolean paths) {
        List<Types.NestedField> fields = new ArrayList<>();
        int id = 1;
        for (ColumnSpec c : columns) {
            fields.add(Types.NestedField.optional(id++, c.name(), c.type().icebergType()));
        }
        fields.add(Types.NestedField.optional(id++, SOURCE_FILE, Types.StringType.get()));
        if (lines) {
            fields.add(Types.NestedField.optional(id++, SOURCE_LINE, Types.LongType.get()));
        }
        if (paths) {
            fields.add(Types.NestedField.optional(id, SOURCE_PATH, Types.StringType.get()));
        }
        return new Schema(fields);
    }

    /** The table property that records where a column's values come from, when its name is not the source's. */
    public static String sourceProperty(String column) {
        return "lakehouse.column." + column + ".source";
    }

    /** Records each renamed column's source (header cell, JSON path, XML path) in the table's properties. */
    static void recordSources(Table table, java.util.Collection<ColumnSpec> columns) {
        table.refresh();
        Map<String, String> properties = table.properties();
        var update = table.updateProperties();
        boolean any = false;
        for (ColumnSpec c : columns) {
            if (!c.source().equals(c.name()) && !c.source().equals(properties.get(sourceProperty(c.name())))) {
                update.set(sourceProperty(c.name()), c.source());
                any = true;
            }
        }
        if (any) {
            update.commit();
        }
    }

    public static TableIdentifier quarantineOf(TableIdentifier table) {
        return TableIdentifier.of(table.namespace(), QUARANTINE);
    }

    static Table quarantine(Catalog catalog, TableIdentifier table) {
        return ensure(catalog, quarantineOf(table), QUARANTINE_SCHEMA, List.of("source", "source_file"));
    }

    static Table data(Catalog catalog, TableIdentifier table, List<ColumnSpec> columns, boolean lines,
                      boolean paths) {
        return ensure(catalog, table, tableSchema(columns, lines, paths), List.of(SOURCE_FILE));
    }

    /** The table, created if missing; columns it lacks are added; a column of another type is an error. */
    static Table ensure(Catalog catalog, TableIdentifier id, Schema wanted, List<String> overwriteKeys) {
        if (catalog instanceof SupportsNamespaces namespaces && !id.namespace().isEmpty()
                && !namespaces.namespaceExists(id.namespace())) {
            try {
                namespaces.createNamespace(id.namespace(), Map.of());
            } catch (AlreadyExistsException raced) {
                // created meanwhile: fine
            }
        }
        Table table;
        try {
            table = catalog.loadTable(id);
        } catch (NoSuchTableException e) {
            try {
                Catalog.TableBuilder builder = catalog.buildTable(id, wanted).withProperty("format-version", "2");
                for (String key : overwriteKeys) {
                    builder = builder.withProperty("write.metadata.metrics.column." + key, "full");
                }
                return builder.create();
            } catch (AlreadyExistsException raced) {
                table = catalog.loadTable(id);
            }
        }
        UpdateSchema update = null;
        for (Types.NestedField field : wanted.columns()) {
            Types.NestedField existing = table.schema().findField(field.name());
            if (existing == null) {
                update = (update == null ? table.updateSchema() : update).addColumn(field.name(), field.type());
            } else if (!existing.type().equals(field.type())) {
                throw new IllegalArgumentException("table " + id + " has column " + field.name() + " as "
                        + existing.type() + ", the schema declares " + field.type()
                        + "; declare it as in the table (--schema) or load into another table");
            }
        }
        if (update != null) {
            update.commit();
        }
        Map<String, String> properties = table.properties();
        boolean metricsMissing = overwriteKeys.stream().anyMatch(k -> !"full".equals(
                properties.get("write.metadata.metrics.column." + k)));
        if (metricsMissing) {
            var update2 = table.updateProperties();
            overwriteKeys.forEach(k -> update2.set("write.metadata.metrics.column." + k, "full"));
            update2.commit();
        }
        table.refresh();
        return table;
    }
}
