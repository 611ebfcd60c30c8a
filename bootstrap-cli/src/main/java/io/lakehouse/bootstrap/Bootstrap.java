package io.lakehouse.bootstrap;

import io.lakehouse.runtime.RuntimeKind;
import io.lakehouse.runtime.StackLayout;
import io.lakehouse.stack.ProbeTarget;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The platform's idempotent setup, step by step, for the services that are part of the stack. */
public final class Bootstrap {
    private final List<BootstrapStep> steps;

    public Bootstrap(List<BootstrapStep> steps) {
        this.steps = List.copyOf(steps);
    }

    /**
     * The platform's objects (namespaces, topics, the CDC connector, keyspaces, marts' schema) on a stack of this
     * runtime and state directory (the connector's config names the worker's secrets folder as the worker sees it).
     */
    public static Bootstrap standard(RuntimeKind runtime, StackLayout layout) {
        return new Bootstrap(List.of(new NamespacesStep(), new KafkaTopicsStep(PlatformTopics.ALL),
                CdcConnectorStep.on(runtime, layout),
                new ServingStoreStep(), new MartsStep()));
    }

    /** Everything {@code up} and {@code bootstrap} set up: the standard steps, then the applications' provisioning. */
    public static Bootstrap standard(BootstrapContext context) {
        List<BootstrapStep> steps = new ArrayList<>(standard(context.runtime(), context.layout()).steps);
        steps.add(new SupersetStep(context));
        return new Bootstrap(steps);
    }

    /** Applies every step whose services are all in {@code running}; returns what each found or did. */
    public List<StepOutcome> apply(ProbeTarget stack, Collection<String> running) throws Exception {
        List<StepOutcome> outcomes = new ArrayList<>();
        for (BootstrapStep step : steps) {
            if (running.containsAll(step.needs())) {
                outcomes.addAll(step.apply(stack));
            }
        }
        return outcomes;
    }
}
