package io.lakehouse.marts;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two engines' mart definitions cannot drift apart unnoticed: the same marts, and per mart the same columns in
 * the same order in Trino's table, Trino's refresh and StarRocks' view. (That they give the same rows is checked
 * against live engines by {@code lakehouse marts compare} where StarRocks runs.)
 */
class MartDefinitionsTest {
    private static final Pattern DDL_COLUMN = Pattern.compile("^\\s+(\\w+)\\s+[A-Z]", Pattern.MULTILINE);
    private static final Pattern ALIAS = Pattern.compile("\\bAS\\s+(\\w+)\\s*(,|\\n\\s*FROM\\b)");

    private static MartCatalog catalog() {
        return MartCatalog.load(Path.of(System.getProperty("lakehouse.home", "..")).toAbsolutePath().normalize());
    }

    @Test
    void everyMartHasTheSameColumnsInBothEnginesAndInTrinosTable() {
        List<Mart> marts = catalog().all();
        assertEquals(List.of("customer_lifetime_value", "daily_sales", "product_funnel"),
                marts.stream().map(Mart::name).toList());
        for (Mart mart : marts) {
            List<String> trino = SqlScript.statements(mart.trinoSql());
            assertEquals(2, trino.size(), mart.name() + ": the table, then its refresh");
            assertTrue(trino.get(0).startsWith("CREATE TABLE IF NOT EXISTS " + mart.trinoTable() + " ("), trino.get(0));
            assertTrue(trino.get(1).startsWith("CREATE OR REPLACE TABLE " + mart.trinoTable() + " AS"), trino.get(1));
            List<String> table = matches(DDL_COLUMN, trino.get(0));
            List<String> starRocks = SqlScript.statements(mart.starRocksSql());
            assertEquals(1, starRocks.size(), mart.name() + ": one materialized view");
            assertTrue(starRocks.get(0).startsWith("CREATE MATERIALIZED VIEW IF NOT EXISTS marts." + mart.name()),
                    starRocks.get(0));
            assertFalse(table.isEmpty(), mart.name());
            assertEquals(table, selectAliases(trino.get(1)), mart.name() + ": Trino's refresh gives the table's columns");
            assertEquals(table, selectAliases(starRocks.get(0)), mart.name() + ": StarRocks' view has Trino's columns");
        }
    }

    @Test
    void scriptsSplitAtLineEndingSemicolonsAndDropCommentLines() {
        assertEquals(List.of("SELECT 1", "SELECT ';'\nFROM t"),
                SqlScript.parse("-- a comment; with a semicolon\nSELECT 1;\n\nSELECT ';'\nFROM t;\n"));
    }

    /** The aliases of the outermost SELECT's columns (each column ends {@code AS name,} or {@code AS name FROM}). */
    private static List<String> selectAliases(String statement) {
        String select = statement.substring(statement.indexOf("SELECT"));
        int from = select.indexOf("\nFROM ");
        return matches(ALIAS, select.substring(0, from + 6));
    }

    private static List<String> matches(Pattern pattern, String text) {
        List<String> names = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            names.add(m.group(1).toLowerCase(Locale.ROOT));
        }
        return names;
    }
}
