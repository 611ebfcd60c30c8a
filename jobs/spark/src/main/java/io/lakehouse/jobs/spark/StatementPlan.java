package io.lakehouse.jobs.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order the statements of SQL files must keep, as a graph: each statement runs after the earlier statements it
 * depends on, and statements that do not depend on each other may run at once ({@link StatementScheduler}).
 *
 * <p>A statement depends on an earlier one when it reads what that one writes, writes what that one reads or
 * writes, or when either is a barrier. What a statement reads are the relations named in it (temporary views,
 * transitively, and catalog tables: {@link MergeLineage#relationsOf}); what it writes is the view it defines or the
 * table it creates, merges or inserts into. A barrier runs after everything before it and before everything after
 * it: a session setting that changes a value, and any statement whose reads or writes cannot be placed. So the
 * graph is conservative: where it cannot tell, the file order holds.
 *
 * <p>Each MERGE's inputs (for skipping work already done) are worked out here, in file order, so they are the
 * same as a run one statement at a time would find.
 */
final class StatementPlan {
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "^CREATE\\s+TABLE\\s+IF\\s+NOT\\s+EXISTS\\s+([\\w.`]+)(?:\\s+USING\\s+\\w+)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SETTING = Pattern.compile("^SET\\s+([\\w.]+)\\s*=\\s*(.*)$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern MERGE = Pattern.compile("^MERGE\\s", Pattern.CASE_INSENSITIVE);

    /**
     * One statement: the statements (by index) it runs after; for a MERGE, its inputs (empty: unknown); whether what
     * it reads is known (a session setting reads nothing; a statement the plan cannot place may read anything), and
     * if so, the statements that last defined or wrote what it reads (each one it runs after, directly or not).
     */
    record Step(int index, SqlStatement statement, Set<Integer> after, Optional<MergeLineage.Inputs> inputs,
                boolean readsKnown, Set<Integer> readsFrom) {
    }

    private final List<Step> steps;

    private StatementPlan(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    List<Step> steps() {
        return steps;
    }

    /** The table a {@code CREATE TABLE IF NOT EXISTS} makes, as written; empty for any other statement. */
    static Optional<String> tableCreatedIfMissing(SqlStatement statement) {
        Matcher create = CREATE_TABLE.matcher(statement.text().strip());
        return create.find() ? Optional.of(create.group(1)) : Optional.empty();
    }

    static boolean isMerge(SqlStatement statement) {
        return MERGE.matcher(statement.text().strip()).find();
    }

    static StatementPlan of(List<SqlStatement> statements, String catalog) {
        MergeLineage lineage = new MergeLineage(catalog);
        Map<String, Integer> lastWriter = new HashMap<>();
        Map<String, Integer> lastDefinition = new HashMap<>();
        Map<String, Set<Integer>> readersSinceWrite = new HashMap<>();
        Map<String, String> settings = new HashMap<>();
        List<Step> steps = new ArrayList<>();
        int barrier = -1;
        for (int i = 0; i < statements.size(); i++) {
            SqlStatement statement = statements.get(i);
            String text = statement.text().strip();
            Set<Integer> after = new TreeSet<>();
            Set<Integer> readsFrom = new TreeSet<>();
            Optional<MergeLineage.Inputs> inputs = Optional.empty();
            Matcher setting = SETTING.matcher(text);
            boolean isSetting = setting.matches();
            Optional<Access> access = isSetting ? Optional.empty() : accessOf(statement, lineage);
            boolean isBarrier;
            if (isSetting) {
                String key = setting.group(1).toLowerCase();
                String value = setting.group(2).strip();
                // setting a value the session already has changes nothing, so it orders nothing
                isBarrier = !value.equals(settings.put(key, value));
            } else {
                isBarrier = access.isEmpty();
            }
            if (isBarrier) {
                for (int j = barrier + 1; j < i; j++) {
                    after.add(j);
                }
                if (barrier >= 0) {
                    after.add(barrier);
                }
                barrier = i;
                lastWriter.clear();
                readersSinceWrite.clear();
            } else {
                if (barrier >= 0) {
                    after.add(barrier);
                }
                if (access.isPresent()) {
                    for (String read : access.get().reads()) {
                        Optional.ofNullable(lastWriter.get(read)).ifPresent(after::add);
                    }
                    for (String written : access.get().writes()) {
                        Optional.ofNullable(lastWriter.get(written)).ifPresent(after::add);
                        after.addAll(readersSinceWrite.getOrDefault(written, Set.of()));
                    }
                    for (String read : access.get().reads()) {
                        readersSinceWrite.computeIfAbsent(read, r -> new TreeSet<>()).add(i);
                    }
                    for (String written : access.get().writes()) {
                        lastWriter.put(written, i);
                        readersSinceWrite.remove(written);
                    }
                }
            }
            after.remove(i);
            if (isMerge(statement)) {
                Optional<String> target = statement.writtenTable();
                inputs = target.flatMap(t -> lineage.of(statement, t));
            }
            lineage.ran(statement);
            // what it reads as last defined before it, across barriers (which order, but do not redefine)
            access.ifPresent(a -> a.reads().forEach(read ->
                    Optional.ofNullable(lastDefinition.get(read)).ifPresent(readsFrom::add)));
            if (!isSetting) {
                int index = i;
                MergeLineage.viewDefinedBy(statement).or(() -> access.flatMap(a -> a.writes().stream().findFirst()))
                        .ifPresent(defined -> lastDefinition.put(MergeLineage.unquote(defined), index));
            }
            steps.add(new Step(i, statement, after, inputs, isSetting || access.isPresent(), readsFrom));
        }
        return new StatementPlan(steps);
    }

    /** What a statement reads and writes; the relation names are unquoted and lower-case. */
    private record Access(Set<String> reads, Set<String> writes) {
    }

    /** What a statement reads and writes, when it is a kind the plan knows and all its relations are placed. */
    private static Optional<Access> accessOf(SqlStatement statement, MergeLineage lineage) {
        Optional<String> written = MergeLineage.viewDefinedBy(statement)
                .or(() -> tableCreatedIfMissing(statement))
                .or(statement::writtenTable)
                .map(MergeLineage::unquote);
        if (written.isEmpty()) {
            return Optional.empty();
        }
        // a CREATE TABLE's "USING iceberg" names its format, not a relation
        String text = CREATE_TABLE.matcher(statement.text().strip()).replaceFirst("");
        return lineage.relationsOf(text)
                .map(reads -> new Access(reads, Set.of(written.get())));
    }
}
