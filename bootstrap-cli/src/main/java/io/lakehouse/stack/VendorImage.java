package io.lakehouse.stack;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The reference product's own container image, which the docker runtime runs instead of an image the project
 * builds (ScyllaDB, StarRocks: servers no registry reachable here offers as a package). Where the image is absent
 * and cannot be pulled, the docker runtime runs the service's {@link StandIn} and says so.
 *
 * @param product     "ScyllaDB"
 * @param version     the pinned tag, from the root pom ("6.2.3")
 * @param repository  "scylladb/scylla"
 * @param arguments   the container's command (arguments to the image's entrypoint); compose interpolation allowed
 * @param dataPath    where the image keeps its data, a named volume
 * @param healthcheck a shell command run inside the container, with the image's own tools (the CLI is not in it)
 */
public record VendorImage(String product, String version, String repository, List<String> arguments,
                          String dataPath, String healthcheck) {
    public VendorImage {
        requireNonNull(product, "product");
        requireNonNull(version, "version");
        requireNonNull(repository, "repository");
        arguments = List.copyOf(arguments);
        requireNonNull(dataPath, "dataPath");
        requireNonNull(healthcheck, "healthcheck");
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
