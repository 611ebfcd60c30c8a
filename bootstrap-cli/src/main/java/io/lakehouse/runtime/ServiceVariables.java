package io.lakehouse.runtime;

import io.lakehouse.stack.ServiceCatalog;
import io.lakehouse.stack.ServiceDefinition;

import java.util.Map;
import java.util.TreeMap;

/**
 * What every runtime adds to a service's template variables once it knows the stack's addresses (its own view:
 * the host's on the local runtime, the compose network's in a container): the catalog's cluster variables rendered
 * with those addresses (Kafka's quorum voters), the service's own ({@code KAFKA_NODE_ID}), and, for an added
 * instance, its own ports and host under the original's names, so the original's templates configure it.
 */
public final class ServiceVariables {
    private ServiceVariables() {
    }

    public static Map<String, String> complete(ServiceDefinition service, ServiceCatalog catalog,
                                               Map<String, String> addresses) {
        TemplateRenderer renderer = new TemplateRenderer(addresses);
        Map<String, String> variables = new TreeMap<>(addresses);
        catalog.clusterVariables().forEach((variable, value) ->
                variables.put(variable, renderer.render(value, "the cluster variable " + variable)));
        variables.putAll(service.variables());
        service.instance().ifPresent(instance -> instance.ownVariables().forEach((original, own) -> {
            String value = variables.get(own);
            if (value == null) {
                throw new IllegalStateException(service.name() + ": no value for " + own + ", its " + original);
            }
            variables.put(original, value);
        }));
        return variables;
    }
}
