package io.lakehouse.runtime.docker;

import java.nio.file.Path;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One image the project builds: {@code lakehouse/<config folder>:<pinned version>}, from the Dockerfile and build
 * arguments {@link ServiceImage} gives, for the services that run it (the NameNode and DataNode share one).
 */
public record ImageSpec(String tag, List<String> services, Path dockerfile, ServiceImage build, String baseImage) {
    public ImageSpec {
        requireNonNull(tag, "tag");
        services = List.copyOf(services);
        requireNonNull(dockerfile, "dockerfile");
        requireNonNull(build, "build");
        requireNonNull(baseImage, "baseImage");
    }

    /** The folder its build context is made in: the config folder's name. */
    public String name() {
        return tag.substring(tag.indexOf('/') + 1, tag.indexOf(':'));
    }
}
