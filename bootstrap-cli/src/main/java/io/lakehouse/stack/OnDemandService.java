package io.lakehouse.stack;

import java.time.Duration;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A service only the docker runtime runs, from its vendor's image, when that image is present: the stack does not
 * wait for it, and its {@link StandIn} serves the same purpose everywhere else (StarRocks' marts; Trino serves them
 * where StarRocks does not run). It lives in the model like every service, so the compose file is generated from it;
 * it is not one of the services {@code up} starts and waits for.
 *
 * @param ports    published on 127.0.0.1 under their override variables; the container listens on the default
 * @param profile  the compose profile that keeps it out of a plain {@code docker compose up}
 * @param memoryMb the container's memory limit
 */
public record OnDemandService(String name, String description, VendorImage image, List<PortSpec> ports,
                              List<String> dependsOn, String profile, int memoryMb, Duration startTimeout,
                              StandIn standIn) {
    public OnDemandService {
        requireNonNull(name, "name");
        requireNonNull(description, "description");
        requireNonNull(image, "image");
        ports = List.copyOf(ports);
        dependsOn = List.copyOf(dependsOn);
        requireNonNull(profile, "profile");
        requireNonNull(startTimeout, "startTimeout");
        requireNonNull(standIn, "standIn");
    }
}
