package io.lakehouse.chaos;

import io.lakehouse.runtime.RuntimeKind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One fault {@code lakehouse chaos} injects: a kind ({@code kill}: SIGKILL, the process gone at once; {@code stop}:
 * SIGSTOP for {@link #STOP_FOR}, a hung process that still holds its ports; {@code purge-binlog}: the CDC
 * connector's worker killed and its binlog position purged from MySQL; {@code full-disk}: Kafka's log directory
 * full), the service it hits, and the seed stage
 * during which it is injected (the stage that works with that service).
 */
public record Fault(Kind kind, String service, String stage) {
    /** How long a stopped (hung) service stays stopped before it is continued. */
    public static final Duration STOP_FOR = Duration.ofSeconds(30);

    public enum Kind {
        KILL, STOP,
        /**
         * The CDC connector's binlog position purged from MySQL: its worker is killed, then MySQL starts a new binlog
         * file and purges every older one, the one the connector stopped in included. On restart the connector must
         * snapshot again or fail loudly (seed's catch-up takes the new snapshot: {@code CdcSnapshot}); verify catches
         * any difference.
         */
        PURGE_BINLOG,
        /**
         * Kafka's disk full: before the round, its data directory is moved onto a small filesystem of its own
         * ({@link SmallDisk}: a tmpfs of its size plus 64 MiB); during the stage, that filesystem is filled. The
         * broker cannot write its log and stops; after the round its data goes back onto the machine's disk. Local
         * runtime, as root, only.
         */
        FULL_DISK;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        /**
         * Why this kind of fault cannot be injected into a stack of this runtime (or by this process); empty when it
         * can. Kills, stops and purges run everywhere: signals to processes locally, {@code docker kill}/{@code pause}
         * under compose.
         */
        public java.util.Optional<String> unavailableOn(RuntimeKind runtime) {
            return switch (this) {
                // purge-binlog's root session: JDBC locally, the MySQL container's own client under compose
                case KILL, STOP, PURGE_BINLOG -> java.util.Optional.empty();
                case FULL_DISK -> runtime == RuntimeKind.LOCAL ? SmallDisk.unavailable()
                        : java.util.Optional.of("it is built for the local runtime only so far (a container's volume "
                        + "cannot be swapped for a small one while it runs)");
            };
        }

        static Kind of(String label) {
            for (Kind kind : values()) {
                if (kind.label().equals(label.toLowerCase(java.util.Locale.ROOT))) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("fault kind '" + label + "' is not one of kill, stop, purge-binlog, "
                    + "full-disk");
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

    /**
     * Every stateful service killed, Kafka and the metastore hung, the CDC connector's binlog position purged and
     * Kafka's disk full: the list, in stack order.
     */
    public static final List<String> DEFAULT = List.of("kill:mysql", "kill:kafka", "kill:kafka-connect",
            "kill:namenode", "kill:datanode", "kill:hive-metastore", "kill:flink-jobmanager", "kill:flink-taskmanager",
            "kill:spark-connect", "kill:trino", "kill:serving-store", "stop:kafka", "stop:hive-metastore",
            "purge-binlog:kafka-connect", "full-disk:kafka");

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
        Kind kind = Kind.of(parts[0]);
        if (kind == Kind.PURGE_BINLOG && !parts[1].equals("kafka-connect")) {
            throw new IllegalArgumentException("purge-binlog purges the CDC connector's binlog position: "
                    + "purge-binlog:kafka-connect, not '" + text + "'");
        }
        if (kind == Kind.FULL_DISK && !parts[1].equals("kafka")) {
            throw new IllegalArgumentException("full-disk fills Kafka's log directory: full-disk:kafka, not '"
                    + text + "'");
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
