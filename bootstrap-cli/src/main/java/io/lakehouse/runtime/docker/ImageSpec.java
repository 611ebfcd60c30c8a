package io.lakehouse.runtime.docker;

import java.nio.file.Path;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One image the project builds: {@code lakehouse/<config folder>:<pinned version>}, from
 * {@code compose/<config folder>/Dockerfile}, for the services that run it (the NameNode and DataNode share one).
 */
public record ImageSpec(String tag, List<String> services, Path dockerfile, String version, String baseImage) {
    public ImageSpec {
        requireNonNull(tag, "tag");
        services = List.copyOf(services);
        requireNonNull(dockerfile, "dockerfile");
        requireNonNull(version, "version");
        requireNonNull(baseImage, "baseImage");
    }
}
