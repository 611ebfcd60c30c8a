package io.lakehouse.stack;

import static java.util.Objects.requireNonNull;

/**
 * What a runtime runs in place of a service's reference product when it cannot run that product for real, and why:
 * Apache Cassandra for ScyllaDB, Trino over Iceberg for StarRocks. It is said plainly wherever the service is shown
 * ({@code status}, {@code up}'s summary, the README), never passed off as the real thing.
 *
 * @param product     what actually runs: "Apache Cassandra"
 * @param version     its version: "5.0.9"
 * @param standsInFor the reference product and version: "ScyllaDB 6.2.3"
 * @param reason      why the reference product does not run here, in a few words
 */
public record StandIn(String product, String version, String standsInFor, String reason) {
    public StandIn {
        requireNonNull(product, "product");
        requireNonNull(version, "version");
        requireNonNull(standsInFor, "standsInFor");
        requireNonNull(reason, "reason");
    }

    /** "Apache Cassandra 5.0.9 — stand-in for ScyllaDB 6.2.3 (no ScyllaDB server in ...)". */
    public String describe() {
        return product + " " + version + " — stand-in for " + standsInFor + " (" + reason + ")";
    }

    /** The same stand-in, for another reason (another runtime's). */
    public StandIn because(String otherReason) {
        return new StandIn(product, version, standsInFor, otherReason);
    }
}
