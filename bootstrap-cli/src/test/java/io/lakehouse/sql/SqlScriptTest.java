package io.lakehouse.sql;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlScriptTest {

    @Test
    void splitsAtSemicolonsOutsideQuotesAndComments() {
        assertEquals(List.of("SELECT 'a;b'", "SELECT \"x;y\" FROM t", "SELECT 3"),
                SqlScript.statements("SELECT 'a;b'; -- a comment; with a semicolon\nSELECT \"x;y\" FROM t;\n\nSELECT 3"));
        assertTrue(SqlScript.complete("SELECT 1;  \n"));
        assertFalse(SqlScript.complete("SELECT ';"));
        assertFalse(SqlScript.complete("SELECT 1"));
    }

    @Test
    void formatsTablesCsvAndJson() {
        QueryResult result = new QueryResult(List.of("name", "n"), List.of(false, true),
                List.of(Arrays.asList("Lisbon, PT", "7"), Arrays.asList(null, "12")),
                List.of(Arrays.asList("Lisbon, PT", 7L), Arrays.asList(null, 12L)), -1);
        assertEquals("""
                name       |  n
                -----------+---
                Lisbon, PT |  7
                NULL       | 12
                (2 rows)
                """, print(ResultFormat.TABLE, result));
        assertEquals("name,n\n\"Lisbon, PT\",7\n,12\n", print(ResultFormat.CSV, result));
        assertTrue(print(ResultFormat.JSON, result).replaceAll("\\s", "")
                .equals("[{\"name\":\"Lisbon,PT\",\"n\":7},{\"name\":null,\"n\":12}]"), print(ResultFormat.JSON, result));
    }

    private static String print(ResultFormat format, QueryResult result) {
        StringWriter text = new StringWriter();
        format.print(result, new PrintWriter(text));
        return text.toString().replace(System.lineSeparator(), "\n");
    }
}
