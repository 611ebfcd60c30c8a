package io.lakehouse.seed.stages;

import io.lakehouse.seed.SeedContext;
import io.lakehouse.seed.SeedStage;
import io.lakehouse.seed.StageResult;
import io.lakehouse.seed.sample.ApplicationChanges;
import io.lakehouse.seed.sample.SampleDataset;
import io.lakehouse.sql.SqlScript;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The application database: the shop's tables and rows into the MySQL service (in one transaction, as
 * {@code INSERT IGNORE}, so an interrupted or repeated load ends with each row once), then the application's
 * batch of updates and deletes, which change data capture must carry to bronze.
 */
public final class MySqlSourceStage implements SeedStage {
    private static final Pattern INSERT = Pattern.compile("^\\s*INSERT\\s+INTO", Pattern.CASE_INSENSITIVE);

    @Override
    public String name() {
        return "mysql source";
    }

    @Override
    public StageResult run(SeedContext context) throws Exception {
        long began = System.nanoTime();
        Map<String, Long> expected = ApplicationChanges.rowsAfter(context.dataset());
        long rows = expected.values().stream().mapToLong(Long::longValue).sum();
        try (Connection mysql = context.mysql(); Statement sql = mysql.createStatement()) {
            if (expected.equals(counts(sql, expected.keySet().stream().toList()))) {
                context.progress().update(name(), "shop tables already hold the seeded rows (" + rows + ")");
                applyChanges(context, mysql, sql);
                return new StageResult(name(), "present: " + describe(expected), 0, seconds(began));
            }
            String script = Files.readString(context.dataDir().resolve(SampleDataset.SHOP_SQL_FILE));
            List<String> statements = SqlScript.statements(script);
            mysql.setAutoCommit(false);
            long done = 0;
            for (String statement : statements) {
                boolean insert = INSERT.matcher(statement).find();
                if (!insert) {
                    mysql.commit();  // DDL commits implicitly in MySQL; keep the inserts in one transaction of their own
                }
                sql.execute(insert ? INSERT.matcher(statement).replaceFirst("INSERT IGNORE INTO") : statement);
                if (insert && ++done % 5 == 0) {
                    context.progress().update(name(), "loading shop tables: " + done + " batches");
                }
            }
            mysql.commit();
            mysql.setAutoCommit(true);
            context.progress().update(name(), "loaded " + describe(counts(sql, expected.keySet().stream().toList())));
            applyChanges(context, mysql, sql);
            Map<String, Long> after = counts(sql, expected.keySet().stream().toList());
            if (!after.equals(expected)) {
                throw new IllegalStateException("MySQL shop tables hold " + describe(after) + ", expected "
                        + describe(expected) + " (other rows in the shop database? 'lakehouse seed --reset')");
            }
            return new StageResult(name(), describe(after), rows, seconds(began));
        }
    }

    private void applyChanges(SeedContext context, Connection mysql, Statement sql) throws SQLException {
        long changed = 0;
        for (String change : ApplicationChanges.STATEMENTS) {
            changed += sql.executeUpdate(change);
        }
        context.progress().update(name(), changed == 0 ? "application changes already applied"
                : "application changes: " + changed + " rows updated or deleted");
    }

    static Map<String, Long> counts(Statement sql, List<String> tables) throws SQLException {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        for (String table : tables) {
            try (ResultSet rs = sql.executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                counts.put(table, rs.getLong(1));
            } catch (SQLException missing) {
                counts.put(table, -1L);
            }
        }
        return counts;
    }

    private static String describe(Map<String, Long> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static double seconds(long began) {
        return (System.nanoTime() - began) / 1e9;
    }
}
