package io.lakehouse.jobs.spark;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlScriptTest {
    @Test
    void splitsAtSemicolonsOutsideQuotesAndComments() {
        List<SqlStatement> statements = SqlScript.statements("t.sql", """
                -- a comment; with a semicolon
                SET spark.sql.session.timeZone = UTC;
                SELECT 'a;b', "c;d", `e;f` /* g; h */ FROM t;

                MERGE INTO lakehouse.silver.orders t USING s ON t.id = s.id
                WHEN NOT MATCHED THEN INSERT *   -- trailing; comment
                """);
        assertEquals(3, statements.size());
        assertEquals("SET spark.sql.session.timeZone = UTC", statements.get(0).text());
        assertEquals("SELECT 'a;b', \"c;d\", `e;f`   FROM t", statements.get(1).text());
        assertEquals(3, statements.get(2).number());
        assertEquals(Optional.of("lakehouse.silver.orders"), statements.get(2).writtenTable());
        assertEquals("t.sql statement 3 (MERGE INTO lakehouse.silver.orders)", statements.get(2).where());
        assertEquals(Optional.empty(), statements.get(1).writtenTable());
    }

    @Test
    void anUnclosedQuoteNamesTheStatement() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SqlScript.statements("t.sql", "SELECT 1; SELECT 'oops FROM t;"));
        assertEquals("t.sql: a ' quote is never closed (statement 2)", error.getMessage());
    }

    @Test
    void insertTargetsAreRecognised() {
        assertEquals(Optional.of("lakehouse.gold.x"),
                new SqlStatement("f", 1, "INSERT OVERWRITE TABLE lakehouse.gold.x SELECT 1").writtenTable());
        assertEquals(Optional.of("gold.y"), new SqlStatement("f", 1, "insert into gold.y values (1)").writtenTable());
    }

    /** The job files themselves: every silver and gold table is written by exactly one MERGE. */
    @Test
    void aCompactionCallNamesTheTableItRewritesWithItsCatalog() {
        // as BronzeCompaction (the CLI's `maintain`) writes it
        assertEquals(Optional.of("lakehouse.bronze.orders"), new SqlStatement("f", 1, "CALL lakehouse.system"
                + ".rewrite_data_files(table => 'bronze.orders', options => map('min-input-files', '2'))")
                .rewrittenTable());
        assertEquals(Optional.of("other.bronze.x"), new SqlStatement("f", 1,
                "call lakehouse.system.rewrite_data_files( table=>'other.bronze.x')").rewrittenTable());
        assertEquals(Optional.empty(), new SqlStatement("f", 1,
                "CALL lakehouse.system.rewrite_manifests(table => 'bronze.orders')").rewrittenTable());
        assertEquals(Optional.empty(), new SqlStatement("f", 1,
                "MERGE INTO lakehouse.silver.orders t USING x s ON t.id = s.id").rewrittenTable());
    }

    @Test
    void theJobFilesMergeEachTableOnce() throws IOException {
        Path sql = Path.of(System.getProperty("user.dir")).resolve("sql");
        for (String file : List.of("silver.sql", "gold.sql")) {
            List<String> merged = SqlScript.statements(file, Files.readString(sql.resolve(file))).stream()
                    .filter(s -> s.text().startsWith("MERGE INTO"))
                    .map(s -> s.writtenTable().orElseThrow()).toList();
            assertEquals(merged.stream().distinct().count(), merged.size(), file + " merges a table twice: " + merged);
            String layer = file.replace(".sql", "");
            assertTrue(merged.stream().allMatch(t -> t.startsWith("lakehouse." + layer + ".")), file + ": " + merged);
        }
    }

    @Test
    void sparkMessagesLoseTheirPlan() {
        Exception error = new RuntimeException("[TABLE_OR_VIEW_NOT_FOUND] The table `x` cannot be found. SQLSTATE: "
                + "42P01; line 1 pos 14;\n'Project [*]\n+- 'UnresolvedRelation [x]");
        assertEquals("[TABLE_OR_VIEW_NOT_FOUND] The table `x` cannot be found. SQLSTATE: 42P01; line 1 pos 14;",
                SqlFileRunner.firstLines(error));
    }
}
