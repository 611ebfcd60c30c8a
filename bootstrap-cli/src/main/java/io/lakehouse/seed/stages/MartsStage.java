package io.lakehouse.seed.stages;

import io.lakehouse.marts.MartRefresh;
import io.lakehouse.marts.Marts;
import io.lakehouse.seed.SeedContext;
import io.lakehouse.seed.SeedStage;
import io.lakehouse.seed.StageResult;

import java.util.List;
import java.util.Optional;

/**
 * gold -> marts ({@code marts/}): each mart recomputed in one atomic commit, except one whose definition and input
 * tables are unchanged since its last refresh ({@link io.lakehouse.marts.MartInputs}); StarRocks too where it runs.
 */
public final class MartsStage implements SeedStage {
    @Override
    public String name() {
        return "marts";
    }

    @Override
    public StageResult run(SeedContext context) throws Exception {
        long began = System.nanoTime();
        Marts marts = Marts.of(context.home(), context.stack(), System::getenv);
        List<MartRefresh> refreshed = marts.refresh(Optional.of(context.catalog()), done -> context.progress()
                .update(name(), done.recomputed()
                        ? String.format("%s (%s): %,d rows in %.1f s", done.mart(), done.engine(), done.rows(),
                                done.seconds())
                        : String.format("%s (%s): unchanged, %,d rows", done.mart(), done.engine(), done.rows())));
        long rows = refreshed.stream().mapToLong(MartRefresh::rows).sum();
        long unchanged = refreshed.stream().filter(done -> !done.recomputed()).count();
        String summary = String.format("%d marts refreshed (%s), %,d rows", refreshed.size(),
                marts.starRocksRunning() ? "StarRocks and Trino" : "Trino", rows)
                + (unchanged == 0 ? "" : String.format(" (%d of %d unchanged since their inputs' last refresh: "
                        + "not recomputed)", unchanged, refreshed.size()));
        return new StageResult(name(), summary, rows, (System.nanoTime() - began) / 1e9);
    }
}
