package io.lakehouse.jobs.spark;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each MERGE of a SQL file reads, as the file is run statement by statement: the catalog tables named in its
 * text and in the temporary views it uses (transitively), and the text that decides its result (the session
 * settings, the views' and the MERGE's own text). {@link SqlFileRunner} skips a MERGE whose inputs and target
 * have the same snapshots, and whose text is the same, as when it last ran: the scripts are written so that such a
 * MERGE changes nothing (jobs/spark/README.md).
 *
 * <p>Conservative by construction: a relation it cannot place (not a view of this run, not a catalog table) makes
 * the MERGE's inputs unknown, and an unknown MERGE always runs.
 */
final class MergeLineage {
    /** Where a relation is named: after FROM, JOIN or USING; not a function call ({@code FROM range(3)}). */
    private static final Pattern RELATION = Pattern.compile(
            "\\b(?:FROM|JOIN|USING)\\s+([A-Za-z_][\\w.`]*+)(?!\\s*\\()", Pattern.CASE_INSENSITIVE);
    /** Names a query defines for itself: a CTE ({@code WITH x AS (}) or a subquery alias are not relations. */
    private static final Pattern COMMON_TABLE = Pattern.compile("\\b(\\w+)\\s+AS\\s*\\(", Pattern.CASE_INSENSITIVE);
    private static final Pattern VIEW = Pattern.compile(
            "^CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:GLOBAL\\s+)?TEMP(?:ORARY)?\\s+VIEW\\s+([\\w`]+)\\s+AS\\s",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SETTING = Pattern.compile("^SET\\s", Pattern.CASE_INSENSITIVE);

    private final String catalog;
    private final Map<String, View> views = new LinkedHashMap<>();
    /**
     * The session's settings as the statements so far left them: each key's last {@code SET}, in the order the keys
     * first came. The same setting made by two files (silver.sql and gold.sql both set the time zone) is one
     * setting, so gold's MERGEs have the same digest whether gold.sql runs after silver.sql (seed) or alone (the
     * daily DAG's {@code transform gold}); as a list, each run of the one undid the other's lineage.
     */
    private final Map<String, String> settings = new LinkedHashMap<>();

    /** A temporary view: its tables (or empty when one of its relations is unknown) and the text behind it. */
    private record View(Optional<Set<String>> tables, String text) {
    }

    /** The inputs of one MERGE: the tables it reads (its target excluded) and a digest of the text behind it. */
    record Inputs(Set<String> tables, String textDigest) {
    }

    MergeLineage(String catalog) {
        this.catalog = catalog.toLowerCase(Locale.ROOT);
    }

    /** Takes note of a statement that ran: a session setting or a temporary view. */
    void ran(SqlStatement statement) {
        String text = statement.text().strip();
        if (SETTING.matcher(text).find()) {
            settings.put(settingKey(text), text);
            return;
        }
        Matcher view = VIEW.matcher(text);
        if (view.find()) {
            String body = text.substring(view.end());
            views.put(unquote(view.group(1)), new View(tablesOf(body), text));
        }
    }

    /** "spark.sql.session.timeZone" of {@code SET spark.sql.session.timeZone = UTC}; the whole text without a value. */
    static String settingKey(String setting) {
        String rest = setting.strip().substring(3).strip();
        int equals = rest.indexOf('=');
        return equals < 0 ? rest : rest.substring(0, equals).strip();
    }

    /** The temporary view a statement defines ({@code CREATE [OR REPLACE] TEMPORARY VIEW v AS ...}), if it does. */
    static Optional<String> viewDefinedBy(SqlStatement statement) {
        Matcher view = VIEW.matcher(statement.text().strip());
        return view.find() ? Optional.of(unquote(view.group(1))) : Optional.empty();
    }

    /** The tables a MERGE into {@code target} reads and its text digest; empty when a relation is unknown. */
    Optional<Inputs> of(SqlStatement merge, String target) {
        Optional<Set<String>> tables = tablesOf(merge.text());
        if (tables.isEmpty()) {
            return Optional.empty();
        }
        Set<String> inputs = new TreeSet<>(tables.get());
        inputs.remove(unquote(target));
        StringBuilder text = new StringBuilder();
        settings.values().forEach(s -> text.append(s).append('\n'));
        viewsUsedBy(merge.text(), new TreeSet<>()).forEach(v -> text.append(views.get(v).text()).append('\n'));
        text.append(merge.text());
        return Optional.of(new Inputs(inputs, sha256(text.toString())));
    }

    /**
     * Everything a query reads as it runs: the temporary views it uses (transitively) and the catalog tables behind
     * them and named in it; empty when a relation is neither (see {@link StatementPlan}).
     */
    Optional<Set<String>> relationsOf(String query) {
        return tablesOf(query).map(tables -> {
            Set<String> relations = new TreeSet<>(tables);
            relations.addAll(viewsUsedBy(query, new TreeSet<>()));
            return relations;
        });
    }

    /** The catalog tables a query reads, through the views it uses; empty when a relation is neither. */
    private Optional<Set<String>> tablesOf(String query) {
        Set<String> local = new TreeSet<>();
        Matcher cte = COMMON_TABLE.matcher(query);
        while (cte.find()) {
            local.add(cte.group(1).toLowerCase(Locale.ROOT));
        }
        Set<String> tables = new TreeSet<>();
        Matcher relation = RELATION.matcher(query);
        while (relation.find()) {
            String name = unquote(relation.group(1));
            if (local.contains(name)) {
                continue;
            }
            View view = views.get(name);
            if (view != null) {
                if (view.tables().isEmpty()) {
                    return Optional.empty();
                }
                tables.addAll(view.tables().get());
            } else if (name.startsWith(catalog + ".") && name.split("\\.").length == 3) {
                tables.add(name);
            } else {
                return Optional.empty();   // a table without its catalog, a view of another session: not placed
            }
        }
        return Optional.of(tables);
    }

    /** The views a query uses, directly or through other views (their text is part of what decides the result). */
    private Set<String> viewsUsedBy(String query, Set<String> found) {
        Matcher relation = RELATION.matcher(query);
        while (relation.find()) {
            String name = unquote(relation.group(1));
            View view = views.get(name);
            if (view != null && found.add(name)) {
                viewsUsedBy(view.text(), found);
            }
        }
        return found;
    }

    static String unquote(String name) {
        return name.replace("`", "").toLowerCase(Locale.ROOT);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }
}
