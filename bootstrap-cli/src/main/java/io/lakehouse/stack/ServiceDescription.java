package io.lakehouse.stack;

/**
 * A platform service, described once: a public class with a no-argument constructor in the package
 * {@code io.lakehouse.stack.services}, annotated {@code @AutoService(ServiceDescription.class)}, where
 * {@link ServiceCatalog#standard()} finds it. Nothing else registers it; both runtimes, the compose file and the
 * docs take it from there (docs/adding-a-service.md).
 */
public interface ServiceDescription {
    /** The service as the platform runs it, at the versions pinned in the root pom. */
    ServiceDefinition definition(Versions versions);
}
