package io.lakehouse.marts;

import io.lakehouse.stack.ProbeTarget;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * The marts of a running stack: always Trino's Iceberg tables in {@code lakehouse.marts}; StarRocks' materialized
 * views as well when StarRocks runs (docker, vendor image). Refreshing refreshes both, so they can be compared.
 */
public final class Marts {
    private final ProbeTarget stack;
    private final TrinoMarts trino;
    private final Optional<StarRocksMarts> starRocks;

    private Marts(ProbeTarget stack, TrinoMarts trino, Optional<StarRocksMarts> starRocks) {
        this.stack = requireNonNull(stack, "stack");
        this.trino = trino;
        this.starRocks = starRocks;
    }

    public static Marts of(Path home, ProbeTarget stack, Function<String, String> env) {
        MartCatalog catalog = MartCatalog.load(home);
        return new Marts(stack, new TrinoMarts(catalog, stack), StarRocksMarts.ifRunning(catalog, env));
    }

    /** Which engine serves the marts here, in words for {@code status} and {@code marts list}. */
    public String servedBy() {
        return starRocks.isPresent()
                ? "StarRocks materialized views (database marts), and Trino's Iceberg tables lakehouse.marts beside them"
                : "Trino: Iceberg tables in lakehouse.marts (the stand-in for StarRocks, which does not run here)";
    }

    public boolean starRocksRunning() {
        return starRocks.isPresent();
    }

    public List<String> create() throws SQLException {
        List<String> created = new ArrayList<>(trino.create());
        if (starRocks.isPresent()) {
            starRocks.get().create(stack).forEach(name -> created.add("starrocks:" + name));
        }
        return created;
    }

    public List<MartRefresh> refresh(Consumer<MartRefresh> progress) throws SQLException {
        return refresh(Optional.empty(), progress);
    }

    /**
     * Refreshes the marts; with the Iceberg catalog given, a Trino mart whose definition and inputs are unchanged
     * since its last refresh is not recomputed ({@link MartInputs}). StarRocks' views are refreshed either way.
     */
    public List<MartRefresh> refresh(Optional<org.apache.iceberg.catalog.Catalog> skipUnchanged,
                                     Consumer<MartRefresh> progress) throws SQLException {
        List<MartRefresh> refreshed = new ArrayList<>(trino.refresh(skipUnchanged, progress));
        if (starRocks.isPresent()) {
            refreshed.addAll(starRocks.get().refresh(stack, progress));
        }
        return refreshed;
    }

    public List<MartRefresh> describe() throws SQLException {
        return trino.describe();
    }

    /** Differences between the engines' marts; empty when they agree; absent when StarRocks does not run. */
    public Optional<List<String>> compare() throws SQLException {
        if (starRocks.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(starRocks.get().differencesFrom(io.lakehouse.sql.TrinoEndpoint.of(stack, "lakehouse", null)));
    }
}
