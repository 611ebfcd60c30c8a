package io.lakehouse.stack;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/** The original's probe, run on an added instance: it reads the instance's own ports where it names the original's. */
record InstanceProbe(HealthProbe probe, Map<String, String> ownVariables) implements HealthProbe {
    InstanceProbe {
        requireNonNull(probe, "probe");
        ownVariables = Map.copyOf(ownVariables);
    }

    @Override
    public String describe() {
        return probe.describe();
    }

    @Override
    public ProbeResult probe(ProbeTarget target) {
        return probe.probe(target.asInstance(ownVariables));
    }
}
