package io.lakehouse.runtime.docker;

import io.lakehouse.runtime.ServiceVariables;
import io.lakehouse.stack.PortSpec;
import io.lakehouse.stack.ProbeTarget;
import io.lakehouse.stack.ServiceCatalog;
import io.lakehouse.stack.ServiceDefinition;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The inside of the project's images: where the service folder, templates, config and data are, and the template
 * variables taken from the container's environment (compose sets hosts; ports are the defaults inside the
 * container) and its secrets (the generated credentials, files under {@code /run/secrets}). Used by {@code lakehouse container prepare|probe}.
 * <pre>
 * /opt/lakehouse/lakehouse.jar            the CLI
 * /opt/lakehouse/services/DIST/           the assembled service folder (as on the host)
 * /opt/lakehouse/compose/FOLDER/          config templates, mounted read-only from compose/FOLDER
 * /var/lib/lakehouse/                     the service's named volume: data/ and rendered conf/
 * /run/secrets/NAME                       each generated credential the service uses, copied in by compose
 * </pre>
 */
public final class ContainerLayout {
    public static final Path ROOT = Path.of("/opt/lakehouse");
    public static final Path VOLUME = Path.of("/var/lib/lakehouse");

    private ContainerLayout() {
    }

    public static Path templates(ServiceDefinition service) {
        return ROOT.resolve("compose").resolve(service.configFolder());
    }

    public static Path confDir() {
        return VOLUME.resolve("conf");
    }

    public static Path dataDir() {
        return VOLUME.resolve("data");
    }

    /** The service's temporary folder: in the container's own layer, gone with the container. */
    public static io.lakehouse.runtime.process.ScratchDirectory scratch() {
        return new io.lakehouse.runtime.process.ScratchDirectory(Path.of("/tmp/lakehouse-scratch"));
    }

    /**
     * @param env     the container's environment (hosts, ports)
     * @param secrets the generated credentials compose gave the container as files
     */
    public static Map<String, String> variables(ServiceDefinition service, ServiceCatalog catalog,
                                                Function<String, String> env, ContainerSecrets secrets) {
        Map<String, String> variables = new TreeMap<>();
        // the address book's inside view: each service on its compose name, unless the environment says otherwise
        ProbeTarget inside = new ProbeTarget("127.0.0.1", Map.of(), Map.of()).seenFromInside(catalog);
        for (ServiceDefinition other : catalog.all()) {
            variables.put(other.hostVariable(),
                    Optional.ofNullable(env.apply(other.hostVariable())).orElse(inside.hostOf(other)));
            for (PortSpec port : other.ports()) {
                variables.put(port.variable(), Optional.ofNullable(env.apply(port.variable()))
                        .orElse(Integer.toString(port.defaultPort())));
            }
            other.generatedValues().forEach(value -> secrets.value(value.variable())
                    .ifPresent(given -> variables.put(value.variable(), given)));
        }
        variables.put("BIND_ADDRESS", Optional.ofNullable(env.apply("BIND_ADDRESS")).orElse("0.0.0.0"));
        // how the host reaches published ports: the same number inside and outside, on the host's loopback
        variables.put("PUBLISHED_HOST", Optional.ofNullable(env.apply("PUBLISHED_HOST")).orElse("127.0.0.1"));
        variables.put("DIST_DIR", ROOT.resolve("services").resolve(service.local().distribution()).toString());
        variables.put("VENV_DIR", ROOT.resolve("venvs").resolve(service.local().distribution()).toString());
        variables.put("PROJECT_HOME", ROOT.toString());
        variables.put("STATE_DIR", VOLUME.toString());
        variables.put("CONF_DIR", confDir().toString());
        variables.put("DATA_DIR", dataDir().toString());
        variables.put("LOG_DIR", "/tmp/lakehouse-logs");
        variables.put("OS_USER", System.getProperty("user.name"));
        return ServiceVariables.complete(service, catalog, variables);
    }
}
