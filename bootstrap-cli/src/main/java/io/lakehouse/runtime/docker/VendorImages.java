package io.lakehouse.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.lakehouse.stack.ServiceDefinition;
import io.lakehouse.stack.StandIn;
import io.lakehouse.stack.VendorImage;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import static java.util.Objects.requireNonNull;

/**
 * Decides, for a service that runs from its vendor's image (ScyllaDB), whether that image can be had here: present
 * in the engine, or pulled now. Where it cannot (no registry reachable), the service runs its stand-in, the image the
 * project builds from the local runtime's service folder, and the decision says why.
 */
final class VendorImages {
    /** A pull that fails does so at once where no registry answers; one that works may take minutes. */
    private static final long PULL_TIMEOUT_SECONDS = 900;

    private final DockerClient client;
    private final DockerCli docker;

    VendorImages(DockerClient client, DockerCli docker) {
        this.client = requireNonNull(client, "client");
        this.docker = requireNonNull(docker, "docker");
    }

    /** Whether the image is in the engine (docker-java's inspect; never pulls). */
    boolean present(String image) {
        try {
            client.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /**
     * The stand-in the service runs instead of its vendor image, or empty when that image is present (or was just
     * pulled; {@code pull} false only looks). Services without a vendor image never have one here.
     */
    Optional<StandIn> standInFor(ServiceDefinition service, boolean pull, Consumer<String> progress) {
        Optional<VendorImage> vendor = service.vendorImage();
        if (vendor.isEmpty() || present(vendor.get().image())) {
            return Optional.empty();
        }
        String image = vendor.get().image();
        if (!pull) {
            return Optional.of(standIn(service, "the image " + image + " is not in the Docker engine"));
        }
        progress.accept("the image " + image + " is not in the Docker engine; pulling it");
        DockerCli.Result pulled = docker.run(PULL_TIMEOUT_SECONDS, List.of("pull", image));
        if (pulled.ok() && present(image)) {
            return Optional.empty();
        }
        return Optional.of(standIn(service, "the image " + image + " cannot be pulled here: " + pulled.lastLine()));
    }

    /** The stand-in the container of a running service shows: its image is not the vendor's. */
    static Optional<StandIn> fromContainerImage(ServiceDefinition service, String containerImage) {
        return service.vendorImage().filter(vendor -> !vendor.image().equals(containerImage))
                .map(vendor -> standIn(service, "the image " + vendor.image() + " was not available when it started"));
    }

    private static StandIn standIn(ServiceDefinition service, String reason) {
        return service.localStandIn().orElseThrow(() -> new IllegalStateException(
                service.name() + " has a vendor image but no stand-in")).because(reason);
    }
}
