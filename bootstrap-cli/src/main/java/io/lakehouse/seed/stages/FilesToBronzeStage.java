package io.lakehouse.seed.stages;

import io.lakehouse.seed.SeedContext;
import io.lakehouse.seed.SeedStage;
import io.lakehouse.seed.StageResult;
import io.lakehouse.seed.files.SampleLoader;
import io.lakehouse.seed.files.SourceCounts;

import java.util.List;
import java.util.stream.Collectors;

/** The flat files (customers and stores CSV, the products XML) typed into bronze; bad records quarantined. */
public final class FilesToBronzeStage implements SeedStage {
    @Override
    public String name() {
        return "files -> bronze";
    }

    @Override
    public StageResult run(SeedContext context) throws Exception {
        long began = System.nanoTime();
        SampleLoader loader = new SampleLoader(context.catalog(), context.schemaDir());
        List<SourceCounts> counts = loader
                .load(context.dataDir(), (table, file, records, rate) -> context.progress().update(name(),
                        String.format("%s: %,d records (%,.0f/s)", table, records, rate)));
        long records = counts.stream().mapToLong(SourceCounts::recordsIn).sum();
        String summary = counts.stream()
                .map(c -> String.format("%s %,d landed + %,d quarantined", c.table(), c.landed(), c.quarantined()))
                .collect(Collectors.joining(", "))
                + (loader.unchanged() == 0 ? "" : " (" + loader.unchanged() + " of " + counts.size()
                        + " unchanged since their last load: not loaded again)");
        return new StageResult(name(), summary, records, (System.nanoTime() - began) / 1e9);
    }
}
