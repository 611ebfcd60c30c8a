package io.lakehouse.stack;

import static java.util.Objects.requireNonNull;

/**
 * The reference product's own container image, which the docker runtime runs instead of an image the project
 * builds (ScyllaDB, StarRocks: servers no registry reachable here offers as a package). Where the image is absent
 * and cannot be pulled, the docker runtime runs the service's {@link StandIn} and says so.
 *
 * @param product    "ScyllaDB"
 * @param version    the pinned tag, from the root pom ("6.2.3")
 * @param repository "scylladb/scylla"
 */
public record VendorImage(String product, String version, String repository) {
    public VendorImage {
        requireNonNull(product, "product");
        requireNonNull(version, "version");
        requireNonNull(repository, "repository");
    }

    /** "scylladb/scylla:6.2.3". */
    public String image() {
        return repository + ":" + version;
    }

    /** "ScyllaDB 6.2.3". */
    public String describe() {
        return product + " " + version;
    }
}
