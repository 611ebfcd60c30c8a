package io.lakehouse.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One fault {@code lakehouse chaos} injects: a kind ({@code kill}: SIGKILL, the process gone at once; {@code stop}:
 * SIGSTOP for {@link #STOP_FOR}, a hung process that still holds its ports), the service it hits, and the seed stage
 * during which it is injected (the stage that works with that service).
 */
public record Fault(Kind kind, String service, String stage) {
    /** How long a stopped (hung) service stays stopped before it is continued. */
    public static final Duration STOP_FOR = Duration.ofSeconds(30);

    public enum Kind {
        KILL, STOP;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The stage of {@code seed --reset} that works with each stateful service, long enough to hit. */
    static final Map<String, String> STAGE_OF = Map.ofEntries(
            Map.entry("mysql", "bronze catch-up"),
            Map.entry("kafka", "bronze catch-up"),
            Map.entry("kafka-connect", "bronze catch-up"),
            Map.entry("namenode", "silver + gold"),
            Map.entry("datanode", "silver + gold"),
            Map.entry("hive-metastore", "bronze catch-up"),
            Map.entry("flink-jobmanager", "bronze catch-up"),
            Map.entry("flink-taskmanager", "bronze catch-up"),
            Map.entry("spark-connect", "silver + gold"),
            Map.entry("trino", "marts"),
            Map.entry("serving-store", "bronze catch-up"));

    /** Every stateful service killed, and Kafka and the metastore hung: the list, in stack order. */
    public static final List<String> DEFAULT = List.of("kill:mysql", "kill:kafka", "kill:kafka-connect",
            "kill:namenode", "kill:datanode", "kill:hive-metastore", "kill:flink-jobmanager", "kill:flink-taskmanager",
            "kill:spark-connect", "kill:trino", "kill:serving-store", "stop:kafka", "stop:hive-metastore");

    public Fault {
        requireNonNull(kind, "kind");
        requireNonNull(service, "service");
        requireNonNull(stage, "stage");
    }

    /** {@code kill:hive-metastore}, {@code stop:kafka}; throws naming what is allowed. */
    public static Fault parse(String text) {
        String[] parts = text.trim().split(":", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("a fault is KIND:SERVICE, e.g. kill:hive-metastore, not '" + text + "'");
        }
        Kind kind;
        try {
            kind = Kind.valueOf(parts[0].toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("fault kind '" + parts[0] + "' is not one of kill, stop");
        }
        String stage = STAGE_OF.get(parts[1]);
        if (stage == null) {
            throw new IllegalArgumentException("'" + parts[1] + "' is not a stateful service chaos can hit; one of "
                    + new java.util.TreeSet<>(STAGE_OF.keySet()));
        }
        return new Fault(kind, parts[1], stage);
    }

    public static List<Fault> parseAll(List<String> texts) {
        List<Fault> faults = new ArrayList<>();
        texts.forEach(text -> faults.add(parse(text)));
        return faults;
    }

    public String name() {
        return kind.label() + ":" + service;
    }
}
