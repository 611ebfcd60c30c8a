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
 * @param replicas a port variable's same port on the other instances of its role, at a scale
 *                 ({@code KAFKA_PORT}: {@code KAFKA_2_PORT}, {@code KAFKA_3_PORT}); see {@link #everyAddress}
 */
public record ProbeTarget(String host, Map<String, Integer> ports, Map<String, String> secrets,
                          Map<String, String> hosts, Map<String, String> aliases,
                          Map<String, java.util.List<String>> replicas) {
    public ProbeTarget {
        requireNonNull(host, "host");
        ports = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ports));
        secrets = Map.copyOf(secrets);
        hosts = Map.copyOf(hosts);
        aliases = Map.copyOf(aliases);
        replicas = Map.copyOf(replicas);
    }

    /** The view from the host: every port on {@code host}. */
    public ProbeTarget(String host, Map<String, Integer> ports, Map<String, String> secrets) {
        this(host, ports, secrets, Map.of(), Map.of(), Map.of());
    }

    /**
     * This view, knowing the instances of {@code catalog}'s scaled roles: {@link #everyAddress} of a port then
     * lists it on every instance (a Kafka client's bootstrap list of every broker).
     */
    public ProbeTarget withInstancesOf(ServiceCatalog catalog) {
        Map<String, java.util.List<String>> same = new LinkedHashMap<>();
        for (ServiceDefinition service : catalog.all()) {
            service.instance().ifPresent(instance -> instance.ownVariables().forEach((original, own) -> {
                if (ports.containsKey(own)) {
                    same.computeIfAbsent(original, v -> new java.util.ArrayList<>()).add(own);
                }
            }));
        }
        return new ProbeTarget(host, ports, secrets, hosts, aliases, same);
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
        return new ProbeTarget(host, ports, secrets, insideHosts, insideAliases, replicas);
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
        return new ProbeTarget(host, ownPorts, secrets, ownHosts, aliases, replicas);
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

    /**
     * {@code host:port,host:port} of the port {@code variable} on its service and on every other instance of its
     * role ({@link #withInstancesOf}): what a Kafka client bootstraps from, so that it finds the cluster while any
     * one broker is down. Just {@link #address} at the standard scale.
     */
    public String everyAddress(String variable) {
        StringBuilder all = new StringBuilder(address(variable));
        replicas.getOrDefault(variable, java.util.List.of()).forEach(other -> all.append(',').append(address(other)));
        return all.toString();
    }

    public Optional<String> secret(String name) {
        return Optional.ofNullable(secrets.get(name));
    }
}
