package io.lakehouse.seed.stages;

import io.lakehouse.bootstrap.Bootstrap;
import io.lakehouse.bootstrap.StepOutcome;
import io.lakehouse.seed.SeedContext;
import io.lakehouse.seed.SeedStage;
import io.lakehouse.seed.StageResult;
import io.lakehouse.stack.ServiceCatalog;
import io.lakehouse.stack.ServiceDefinition;

import java.util.List;

/**
 * What the pipeline needs before data flows (namespaces, topics, the CDC connector, the serving keyspace and
 * tables, the marts' schema): bootstrap's own idempotent steps, so seed works on a stack that was started without
 * {@code up}'s bootstrap, or whose bootstrap failed half-way. Without it the events job failed on the missing
 * keyspace in a restart loop, and seed waited out catch-up's timeout. Says what it created; nothing when all is there.
 */
public final class SetupStage implements SeedStage {
    @Override
    public String name() {
        return "setup";
    }

    @Override
    public StageResult run(SeedContext context) throws Exception {
        long began = System.nanoTime();
        List<String> services = ServiceCatalog.standard().all().stream().map(ServiceDefinition::name).toList();
        List<StepOutcome> outcomes = Bootstrap.standard(context.runtime(), context.layout()).apply(context.stack(), services);
        List<String> created = outcomes.stream().filter(StepOutcome::created).map(StepOutcome::object).toList();
        String summary = created.isEmpty()
                ? "all " + outcomes.size() + " objects of bootstrap present"
                : "created what bootstrap had not: " + String.join(", ", created);
        return new StageResult(name(), summary, 0, (System.nanoTime() - began) / 1e9);
    }
}
