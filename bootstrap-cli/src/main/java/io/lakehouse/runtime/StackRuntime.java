package io.lakehouse.runtime;

import io.lakehouse.stack.ServiceDefinition;

import java.io.PrintWriter;
import java.util.List;

/**
 * A way of running the platform's services: local processes or Docker Compose. Both interpret the same
 * {@link ServiceDefinition}s and wait on the same health probes.
 */
public interface StackRuntime {
    RuntimeKind kind();

    /**
     * Starts the given services (a dependency-closed list in start order), each once its dependencies are
     * healthy, and returns when all are healthy. Services already running and healthy are left as they are.
     *
     * @throws StackStartException naming each service that failed and those skipped because of it
     */
    void up(List<ServiceDefinition> services, StackListener listener);

    /** Stops the given services (a list in start order) in reverse order: gracefully, then forcibly. */
    void down(List<ServiceDefinition> services, StackListener listener);

    /** Deletes all data the runtime keeps (after {@link #down}); the only way data is ever deleted. */
    void purge();

    List<ServiceStatus> status(List<ServiceDefinition> services);

    /** Prints the last {@code lines} of a service's log, then follows it if asked until interrupted. */
    void logs(ServiceDefinition service, int lines, boolean follow, PrintWriter out);

    /** How clients on this host reach the stack: address, ports, generated credentials. */
    io.lakehouse.stack.ProbeTarget endpoints();

    /**
     * The services of this runtime's stack that exist (a live process, or a container in any state), in start order:
     * empty when there is no stack here. Commands act on the runtime whose stack exists.
     */
    List<String> existing();

    /** Where the runtime keeps its state, for messages. */
    String location();
}
