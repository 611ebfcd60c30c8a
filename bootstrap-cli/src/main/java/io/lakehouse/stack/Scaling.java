package io.lakehouse.stack;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * How a service runs as several instances, said in its description: the role a user scales
 * ({@code --scale datanode=3}), how the added instances differ from the original, and the template variables the
 * whole stack reads that depend on how many there are (HDFS's replication, Kafka's quorum).
 *
 * <p>When the role is the service's own name, N counts the original ({@code datanode=3}: {@code datanode},
 * {@code datanode-2}, {@code datanode-3}); a role of another name adds N instances beside it ({@code trino-worker=2}:
 * {@code trino-worker-1}, {@code trino-worker-2} beside the coordinator {@code trino}).
 *
 * @param role                what {@code --scale} names
 * @param maxInstances        the most instances of the role one machine is given (ports and memory are planned for it)
 * @param instanceDescription the added instances' description, where it is not the original's
 * @param instanceHealth      the added instances' probe, where it is not the original's (read with their own ports)
 * @param instanceVariables   template variables every added instance sets instead of the original's
 * @param ordinalVariable     a variable that numbers the instances from 1 (the original's 1): a KRaft node id
 * @param clusterVariables    variables every service reads, computed from the role's instances (the original first);
 *                            a value may hold {@code ${VARIABLE}}s, rendered with the reading service's addresses
 */
public record Scaling(String role, int maxInstances, Optional<String> instanceDescription,
                      Optional<HealthProbe> instanceHealth, Map<String, String> instanceVariables,
                      Optional<String> ordinalVariable,
                      Map<String, Function<List<ServiceDefinition>, String>> clusterVariables) {
    /** Instances of one role on one machine: ports are planned in steps of 100 for these many. */
    public static final int MAX_INSTANCES = 9;

    public Scaling {
        requireNonNull(role, "role");
        requireNonNull(instanceDescription, "instanceDescription");
        requireNonNull(instanceHealth, "instanceHealth");
        requireNonNull(ordinalVariable, "ordinalVariable");
        instanceVariables = Collections.unmodifiableMap(new LinkedHashMap<>(instanceVariables));
        clusterVariables = Collections.unmodifiableMap(new LinkedHashMap<>(clusterVariables));
        if (!role.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("a role is a lower-case word with dashes: " + role);
        }
        if (maxInstances < 1 || maxInstances > MAX_INSTANCES) {
            throw new IllegalArgumentException(role + ": at most " + MAX_INSTANCES + " instances");
        }
    }

    /** Instances of the service under its own name, N counting the original. */
    public static Scaling byInstances(String role) {
        return new Scaling(role, MAX_INSTANCES, Optional.empty(), Optional.empty(), Map.of(), Optional.empty(),
                Map.of());
    }

    /** Whether N counts the original (the role is the service's own name) or adds N beside it. */
    public boolean countsOriginal(ServiceDefinition original) {
        return role.equals(original.name());
    }

    /** The fewest a user may ask for: the original alone (1), or no added instance (0). */
    public int minimum(ServiceDefinition original) {
        return countsOriginal(original) ? 1 : 0;
    }

    /** The most a user may ask for. */
    public int maximum(ServiceDefinition original) {
        return countsOriginal(original) ? maxInstances : maxInstances - 1;
    }

    /** How many the original's catalog runs when the role is not scaled. */
    public int standardCount(ServiceDefinition original) {
        return minimum(original);
    }

    /** The name of the added instance of this ordinal (1 and up): {@code datanode-2}, {@code trino-worker-1}. */
    public String instanceName(ServiceDefinition original, int ordinal) {
        return countsOriginal(original) ? original.name() + "-" + (ordinal + 1) : role + "-" + ordinal;
    }

    public Scaling describedAs(String description) {
        return new Scaling(role, maxInstances, Optional.of(description), instanceHealth, instanceVariables,
                ordinalVariable, clusterVariables);
    }

    public Scaling probedBy(HealthProbe probe) {
        return new Scaling(role, maxInstances, instanceDescription, Optional.of(probe), instanceVariables,
                ordinalVariable, clusterVariables);
    }

    public Scaling instanceVariable(String variable, String value) {
        Map<String, String> variables = new LinkedHashMap<>(instanceVariables);
        variables.put(variable, value);
        return new Scaling(role, maxInstances, instanceDescription, instanceHealth, variables, ordinalVariable,
                clusterVariables);
    }

    public Scaling numberedBy(String variable) {
        return new Scaling(role, maxInstances, instanceDescription, instanceHealth, instanceVariables,
                Optional.of(variable), clusterVariables);
    }

    public Scaling clusterVariable(String variable, Function<List<ServiceDefinition>, String> value) {
        Map<String, Function<List<ServiceDefinition>, String>> variables = new LinkedHashMap<>(clusterVariables);
        variables.put(variable, value);
        return new Scaling(role, maxInstances, instanceDescription, instanceHealth, instanceVariables,
                ordinalVariable, variables);
    }

    /** {@code min(3, N)}: the replicas of a block or a partition with N nodes to hold them. */
    public static int replication(int nodes) {
        return Math.min(3, nodes);
    }
}
