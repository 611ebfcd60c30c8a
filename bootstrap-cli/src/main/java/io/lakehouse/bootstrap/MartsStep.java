package io.lakehouse.bootstrap;

import io.lakehouse.marts.Marts;
import io.lakehouse.runtime.StackLayout;
import io.lakehouse.stack.ProbeTarget;

import java.util.ArrayList;
import java.util.List;

/**
 * The marts' tables (empty until {@code seed} or {@code marts refresh} fills them), so analysts' tools can be
 * pointed at them from the start: Trino's Iceberg tables in {@code lakehouse.marts}, and StarRocks' materialized
 * views where StarRocks runs. Definitions: {@code marts/}.
 */
public final class MartsStep implements BootstrapStep {
    @Override
    public String name() {
        return "marts";
    }

    @Override
    public List<String> needs() {
        return List.of("trino", "hive-metastore");
    }

    @Override
    public List<StepOutcome> apply(ProbeTarget stack) throws Exception {
        Marts marts = Marts.of(StackLayout.discover(null).home(), stack, System::getenv);
        List<String> created = marts.create();
        List<StepOutcome> outcomes = new ArrayList<>();
        marts.describe().forEach(mart -> outcomes.add(new StepOutcome(name(), "lakehouse.marts." + mart.mart(),
                created.contains(mart.mart()), (created.contains(mart.mart()) ? "created, " : "present, ")
                + mart.rows() + " rows; served by " + (marts.starRocksRunning() ? "StarRocks and Trino" : "Trino"))));
        return outcomes;
    }
}
