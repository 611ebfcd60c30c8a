package io.lakehouse.seed.stages;

import io.lakehouse.marts.MartRefresh;
import io.lakehouse.marts.Marts;
import io.lakehouse.seed.SeedContext;
import io.lakehouse.seed.SeedStage;
import io.lakehouse.seed.StageResult;

import java.util.List;

/** gold -> marts: every mart recomputed ({@code marts/}), one atomic commit each; StarRocks too where it runs. */
public final class MartsStage implements SeedStage {
    @Override
    public String name() {
        return "marts";
    }

    @Override
    public StageResult run(SeedContext context) throws Exception {
        long began = System.nanoTime();
        Marts marts = Marts.of(context.home(), context.stack(), System::getenv);
        List<MartRefresh> refreshed = marts.refresh(done -> context.progress().update(name(),
                String.format("%s (%s): %,d rows in %.1f s", done.mart(), done.engine(), done.rows(), done.seconds())));
        long rows = refreshed.stream().mapToLong(MartRefresh::rows).sum();
        String summary = String.format("%d marts refreshed (%s), %,d rows", refreshed.size(),
                marts.starRocksRunning() ? "StarRocks and Trino" : "Trino", rows);
        return new StageResult(name(), summary, rows, (System.nanoTime() - began) / 1e9);
    }
}
