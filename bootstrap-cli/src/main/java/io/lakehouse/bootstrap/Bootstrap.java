package io.lakehouse.bootstrap;

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

    /** The steps that need nothing but the stack's endpoints (namespaces, topics, connectors, keyspaces). */
    public static Bootstrap standard() {
        return new Bootstrap(List.of(new NamespacesStep(), new KafkaTopicsStep(PlatformTopics.ALL),
                new CdcConnectorStep(),
                new ServingStoreStep(), new MartsStep()));
    }

    /** Everything {@code up} and {@code bootstrap} set up: the standard steps, then the applications' provisioning. */
    public static Bootstrap standard(BootstrapContext context) {
        List<BootstrapStep> steps = new ArrayList<>(standard().steps);
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
