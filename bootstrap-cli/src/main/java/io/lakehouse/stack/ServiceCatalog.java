package io.lakehouse.stack;

import io.lakehouse.stack.services.AirflowService;
import io.lakehouse.stack.services.DataNodeService;
import io.lakehouse.stack.services.FlinkJobManagerService;
import io.lakehouse.stack.services.FlinkTaskManagerService;
import io.lakehouse.stack.services.JupyterService;
import io.lakehouse.stack.services.SparkConnectService;
import io.lakehouse.stack.services.SparkMasterService;
import io.lakehouse.stack.services.SparkWorkerService;
import io.lakehouse.stack.services.TrinoService;
import io.lakehouse.stack.services.HiveMetastoreService;
import io.lakehouse.stack.services.KafkaConnectService;
import io.lakehouse.stack.services.KafkaService;
import io.lakehouse.stack.services.MySqlService;
import io.lakehouse.stack.services.NameNodeService;
import io.lakehouse.stack.services.ServingStoreService;
import io.lakehouse.stack.services.StarRocksService;
import io.lakehouse.stack.services.SupersetService;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The registry of platform services, in declaration order, with their dependency graph. */
public final class ServiceCatalog {
    private final Map<String, ServiceDefinition> services = new LinkedHashMap<>();
    private final DependencyGraph graph;
    private final List<OnDemandService> onDemand;

    public ServiceCatalog(Collection<ServiceDefinition> definitions) {
        this(definitions, List.of());
    }

    public ServiceCatalog(Collection<ServiceDefinition> definitions, List<OnDemandService> onDemand) {
        this.onDemand = List.copyOf(onDemand);
        for (ServiceDefinition definition : definitions) {
            if (services.put(definition.name(), definition) != null) {
                throw new IllegalArgumentException("service declared twice: " + definition.name());
            }
        }
        this.graph = DependencyGraph.of(services.values());
    }

    /** The platform as shipped. */
    public static ServiceCatalog standard() {
        Versions versions = Versions.pinned();
        return new ServiceCatalog(List.of(
                MySqlService.definition(versions),
                KafkaService.definition(versions),
                NameNodeService.definition(versions),
                DataNodeService.definition(versions),
                HiveMetastoreService.definition(versions),
                TrinoService.definition(versions),
                SparkMasterService.definition(versions),
                SparkWorkerService.definition(versions),
                SparkConnectService.definition(versions),
                FlinkJobManagerService.definition(versions),
                FlinkTaskManagerService.definition(versions),
                KafkaConnectService.definition(versions),
                ServingStoreService.definition(versions),
                AirflowService.definition(versions),
                SupersetService.definition(versions),
                JupyterService.definition(versions)),
                List.of(StarRocksService.definition(versions)));
    }

    /** Services only the docker runtime starts, when their vendor's image is present (not waited for). */
    public List<OnDemandService> onDemand() {
        return onDemand;
    }

    public OnDemandService onDemand(String name) {
        return onDemand.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no on-demand service " + name));
    }

    public ServiceDefinition get(String name) {
        ServiceDefinition definition = services.get(name);
        if (definition == null) {
            throw new UnknownServiceException(name, services.keySet());
        }
        return definition;
    }

    public List<ServiceDefinition> all() {
        return graph.startOrder().stream().map(services::get).toList();
    }

    public DependencyGraph graph() {
        return graph;
    }

    /** The named services and what they need, in start order; all services when none is named. */
    public List<ServiceDefinition> withDependencies(Collection<String> names) {
        if (names.isEmpty()) {
            return all();
        }
        names.forEach(this::get);
        return graph.closure(names).stream().map(services::get).toList();
    }

    /** The named services and everything that needs them, in start order. */
    public List<ServiceDefinition> withDependents(Collection<String> names) {
        if (names.isEmpty()) {
            return all();
        }
        names.forEach(this::get);
        return graph.dependents(names).stream().map(services::get).toList();
    }
}
