package io.lakehouse.runtime.local;

import io.lakehouse.runtime.ServiceVariables;
import io.lakehouse.runtime.StackLayout;
import io.lakehouse.stack.ProbeTarget;
import io.lakehouse.stack.ServiceCatalog;
import io.lakehouse.stack.ServiceDefinition;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The template variables of one service on the local runtime: every service reached at the advertised host
 * (127.0.0.1 unless {@code LAKEHOUSE_ADVERTISED_HOST}), listening on {@code LAKEHOUSE_BIND_ADDRESS} (127.0.0.1),
 * with its own folders under the state directory.
 */
final class LocalVariables {
    static final String BIND_ADDRESS = Optional.ofNullable(System.getenv("LAKEHOUSE_BIND_ADDRESS"))
            .filter(s -> !s.isBlank()).orElse("127.0.0.1");
    static final String ADVERTISED_HOST = Optional.ofNullable(System.getenv("LAKEHOUSE_ADVERTISED_HOST"))
            .filter(s -> !s.isBlank()).orElse("127.0.0.1");

    private LocalVariables() {
    }

    static Map<String, String> of(ServiceDefinition service, ServiceCatalog catalog, StackLayout layout,
                                  Map<String, Integer> ports, Map<String, String> generated) {
        Map<String, String> variables = new TreeMap<>(generated);
        ports.forEach((name, port) -> variables.put(name, Integer.toString(port)));
        // the address book's host view: every service at the advertised host
        ProbeTarget addresses = new ProbeTarget(ADVERTISED_HOST, ports, generated);
        for (ServiceDefinition other : catalog.all()) {
            variables.put(other.hostVariable(), addresses.hostOf(other));
        }
        variables.put("BIND_ADDRESS", BIND_ADDRESS);
        variables.put("PUBLISHED_HOST", ADVERTISED_HOST);
        variables.put("DIST_DIR", layout.distribution(service.local().distribution()).toString());
        variables.put("VENV_DIR", layout.venv(service.local().distribution()).toString());
        variables.put("PROJECT_HOME", layout.home().toString());
        variables.put("STATE_DIR", layout.stateDir().toString());
        variables.put("CONF_DIR", layout.confDir(service).toString());
        variables.put("DATA_DIR", layout.dataDir(service).toString());
        variables.put("LOG_DIR", layout.logsDir().toString());
        variables.put("OS_USER", System.getProperty("user.name"));
        return ServiceVariables.complete(service, catalog, variables);
    }
}
