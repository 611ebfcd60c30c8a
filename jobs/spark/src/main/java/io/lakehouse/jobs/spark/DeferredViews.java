package io.lakehouse.jobs.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The temporary views of the SQL files, made only when a statement that reads them runs. A seed with nothing new
 * skips every MERGE, and each view it made anyway cost a round trip to Spark (about 4 s each on JVMs that had run
 * nothing, 0.1-0.8 s warm) for a view nothing read.
 *
 * <p>A view statement is deferred when its turn comes ({@link #defer}). Before a statement runs, {@link #makeFor}
 * makes the deferred views it reads: the definitions the plan orders before it, each after the views that one reads,
 * each once however many statements need it at the same time. A statement whose reads the plan cannot place gets the
 * latest definition of every view deferred so far. The definitions made are the ones the plan orders before the
 * reader, so a view defined twice is read as it would be with every view made in file order.
 */
final class DeferredViews {
    /** Makes one view: runs its statement. */
    @FunctionalInterface
    interface Maker {
        void make(StatementPlan.Step view, StatementPlan.Step reader) throws Exception;
    }

    private final Maker maker;
    private final Map<Integer, StatementPlan.Step> deferred = new ConcurrentHashMap<>();
    private final Map<Integer, CompletableFuture<Void>> made = new ConcurrentHashMap<>();

    DeferredViews(Maker maker) {
        this.maker = maker;
    }

    /**
     * Defers the step when it defines a temporary view whose reads the plan knows; false for any other statement
     * (a view the plan cannot place runs when its turn comes, as before).
     */
    boolean defer(StatementPlan.Step step) {
        if (MergeLineage.viewDefinedBy(step.statement()).isEmpty() || !step.readsKnown()) {
            return false;
        }
        deferred.put(step.index(), step);
        return true;
    }

    /** Makes, once each, the deferred views {@code reader} reads, directly or through other views. */
    void makeFor(StatementPlan.Step reader) throws Exception {
        for (StatementPlan.Step view : viewsReadBy(reader)) {
            make(view, reader);
        }
    }

    /** How many deferred views were never made: nothing that reads them ran. */
    int neverMade() {
        return (int) deferred.keySet().stream().filter(i -> !made.containsKey(i)).count();
    }

    private List<StatementPlan.Step> viewsReadBy(StatementPlan.Step reader) {
        if (reader.readsKnown()) {
            return reader.readsFrom().stream().map(deferred::get).filter(java.util.Objects::nonNull).toList();
        }
        // the latest definition of each view deferred before it, in file order
        Map<String, StatementPlan.Step> latest = new TreeMap<>();
        new TreeMap<>(deferred).headMap(reader.index()).values().forEach(view ->
                latest.put(MergeLineage.viewDefinedBy(view.statement()).orElseThrow(), view));
        List<StatementPlan.Step> views = new ArrayList<>(latest.values());
        views.sort(java.util.Comparator.comparingInt(StatementPlan.Step::index));
        return views;
    }

    private void make(StatementPlan.Step view, StatementPlan.Step reader) throws Exception {
        makeFor(view);
        CompletableFuture<Void> mine = new CompletableFuture<>();
        Optional<CompletableFuture<Void>> earlier = Optional.ofNullable(made.putIfAbsent(view.index(), mine));
        if (earlier.isPresent()) {
            try {
                earlier.get().join();   // made, or being made by another statement's thread
            } catch (CompletionException failed) {
                throw failed.getCause() instanceof Exception e ? e : failed;
            }
            return;
        }
        try {
            maker.make(view, reader);
            mine.complete(null);
        } catch (Exception e) {
            mine.completeExceptionally(e);
            throw e;
        }
    }
}
