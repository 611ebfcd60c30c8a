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

    public static Bootstrap standard() {
        return new Bootstrap(List.of(new NamespacesStep(), new KafkaTopicsStep(PlatformTopics.ALL),
                new CdcConnectorStep(),
                new ServingStoreStep(), new MartsStep()));
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
