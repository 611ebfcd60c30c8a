package io.lakehouse.stack;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The address book of a running stack, as one kind of client sees it: the resolved port of every variable, the host
 * each port is reached on, and the generated credentials. It has two views:
 * <ul>
 *   <li>from the host ({@link #ProbeTarget(String, Map, Map)}): every service on one address, 127.0.0.1 (the local
 *       runtime's processes, or the ports compose publishes);</li>
 *   <li>from inside the compose network ({@link #seenFromInside}): each service on its compose name, and a port
 *       whose listener hands out host addresses replaced by the one meant for containers (Kafka's internal
 *       listener for {@code KAFKA_PORT}).</li>
 * </ul>
 * Clients take {@link #address} or {@link #hostOf} for a port variable, never a host of their own.
 *
 * @param host    where a port without an entry in {@code hosts} is reached
 * @param ports   every port variable's configured number (the same inside and outside the containers)
 * @param hosts   the host of a port variable, where it is not {@code host}
 * @param aliases a port variable reached, in this view, on another variable's port
 */
public record ProbeTarget(String host, Map<String, Integer> ports, Map<String, String> secrets,
                          Map<String, String> hosts, Map<String, String> aliases) {
    public ProbeTarget {
        requireNonNull(host, "host");
        ports = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ports));
        secrets = Map.copyOf(secrets);
        hosts = Map.copyOf(hosts);
        aliases = Map.copyOf(aliases);
    }

    /** The view from the host: every port on {@code host}. */
    public ProbeTarget(String host, Map<String, Integer> ports, Map<String, String> secrets) {
        this(host, ports, secrets, Map.of(), Map.of());
    }

    /** The same stack seen from inside its compose network: each port on its service's compose name. */
    public ProbeTarget seenFromInside(ServiceCatalog catalog) {
        Map<String, String> insideHosts = new LinkedHashMap<>();
        Map<String, String> insideAliases = new LinkedHashMap<>();
        for (ServiceDefinition service : catalog.all()) {
            insideHosts.put(service.hostVariable(), service.composeService());
            for (PortSpec port : service.ports()) {
                insideHosts.put(port.variable(), service.composeService());
                port.insideVariable().ifPresent(inside -> insideAliases.put(port.variable(), inside));
            }
        }
        return new ProbeTarget(host, ports, secrets, insideHosts, insideAliases);
    }

    /**
     * This view as an instance of a scaled service sees itself: each variable of the original ({@code DATANODE_HTTP_PORT},
     * {@code DATANODE_HOST}) reached where the instance's own ({@code DATANODE_2_HTTP_PORT}) is.
     */
    public ProbeTarget asInstance(Map<String, String> ownVariables) {
        Map<String, Integer> ownPorts = new LinkedHashMap<>(ports);
        Map<String, String> ownHosts = new LinkedHashMap<>(hosts);
        ownVariables.forEach((original, own) -> {
            Integer port = ports.get(own);
            if (port != null) {
                ownPorts.put(original, port);
            }
            ownHosts.put(original, hostOf(own));
        });
        return new ProbeTarget(host, ownPorts, secrets, ownHosts, aliases);
    }

    public int port(String variable) {
        Integer port = ports.get(variable);
        if (port == null) {
            throw new IllegalStateException("no port " + variable + " known to this probe target: " + ports.keySet());
        }
        return port;
    }

    /**
     * The host {@code service} is reached on in this view: what its {@code <NAME>_HOST} template variable says (the
     * local runtime's and the containers' config templates are rendered from this).
     */
    public String hostOf(ServiceDefinition service) {
        return hostOf(service.hostVariable());
    }

    /** The host a client of this view reaches the port {@code variable} on. */
    public String hostOf(String variable) {
        return hosts.getOrDefault(variable, host);
    }

    /** {@code host:port} for the port {@code variable}, as a client of this view connects to it. */
    public String address(String variable) {
        return hostOf(variable) + ":" + port(aliases.getOrDefault(variable, variable));
    }

    public Optional<String> secret(String name) {
        return Optional.ofNullable(secrets.get(name));
    }
}
