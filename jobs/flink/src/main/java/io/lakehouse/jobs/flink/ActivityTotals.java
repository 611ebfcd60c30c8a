package io.lakehouse.jobs.flink;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.io.Serializable;

import static java.util.Objects.requireNonNull;

/**
 * Keeps the running totals of one key (a product or a customer) in keyed state, which is part of every checkpoint,
 * and emits the key's absolute totals at most once per {@code emitDelayMillis}: a burst of events for one key
 * becomes one upsert in the serving store. The pending timer is in the checkpoint too, so nothing is left unwritten
 * after a restart.
 */
public final class ActivityTotals<K, A> extends KeyedProcessFunction<K, ShopEvent, A> {
    /** How totals start for a key and how an event changes them; must not depend on arrival order. */
    public interface Fold<K, A> extends Serializable {
        A empty(K key);

        A add(A totals, ShopEvent event);
    }

    private final Class<A> type;
    private final Fold<K, A> fold;
    private final long emitDelayMillis;
    private transient ValueState<A> totals;
    private transient ValueState<Boolean> emitPending;

    public ActivityTotals(Class<A> type, Fold<K, A> fold, long emitDelayMillis) {
        this.type = requireNonNull(type, "type");
        this.fold = requireNonNull(fold, "fold");
        if (emitDelayMillis <= 0) {
            throw new IllegalArgumentException("emitDelayMillis must be positive");
        }
        this.emitDelayMillis = emitDelayMillis;
    }

    @Override
    public void open(OpenContext context) {
        totals = getRuntimeContext().getState(new ValueStateDescriptor<>("totals", TypeInformation.of(type)));
        emitPending = getRuntimeContext().getState(new ValueStateDescriptor<>("emit-pending", Types.BOOLEAN));
    }

    @Override
    public void processElement(ShopEvent event, Context context, Collector<A> out) throws Exception {
        A current = totals.value();
        totals.update(fold.add(current == null ? fold.empty(context.getCurrentKey()) : current, event));
        if (emitPending.value() == null) {
            context.timerService().registerProcessingTimeTimer(
                    context.timerService().currentProcessingTime() + emitDelayMillis);
            emitPending.update(Boolean.TRUE);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<A> out) throws Exception {
        emitPending.clear();
        A current = totals.value();
        if (current != null) {
            out.collect(current);
        }
    }
}
