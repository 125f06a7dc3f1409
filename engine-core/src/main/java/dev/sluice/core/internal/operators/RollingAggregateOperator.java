package dev.sluice.core.internal.operators;

import dev.sluice.core.internal.state.LongKeyedStateTable;
import dev.sluice.core.state.ValueStateDescriptor;
import dev.sluice.core.KeyedValue;
import dev.sluice.core.aggregate.AggregateOperation;
import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.KeyedState;
import dev.sluice.core.operator.Output;

/** Per key, accumulates every event and emits the key with the updated result. */
public final class RollingAggregateOperator<K, T, A, R>
    implements KeyedOperator<K, T, KeyedValue<K, R>>, LongKeyedOperator<T, KeyedValue<K, R>> {
  private final AggregateOperation<? super T, A, R> op;
  private KeyedState<K, A> state;
  /** Used instead of {@link #state} on a stage keyed by primitive longs. */
  private LongKeyedStateTable<A> longState;

  /** Creates the operator for {@code op}. */
  public RollingAggregateOperator(AggregateOperation<? super T, A, R> op) {
    this.op = op;
  }

  @Override
  public void open(KeyedOperatorContext<K> context) {
    ValueStateDescriptor<A> descriptor =
        ValueStateDescriptor.of("accumulators", op.accumulatorCodec()).withInitial(op::create);
    if (context instanceof LongKeyedContext lc && lc.isLongKeyed()) {
      longState = lc.longState(descriptor);
    } else {
      state = context.state(descriptor);
    }
  }

  @Override
  public void onEvent(K key, T event, long timestamp, Output<KeyedValue<K, R>> output) {
    A acc = state.getOrCreate(key);
    op.accumulate(acc, event);
    output.emit(new KeyedValue<>(key, op.export(acc)));
  }

  @Override
  @SuppressWarnings("unchecked")
  public void onEventLong(long key, T event, long timestamp, Output<KeyedValue<K, R>> output) {
    A acc = longState.getOrCreate(key);
    op.accumulate(acc, event);
    output.emit(new KeyedValue<>((K) Long.valueOf(key), op.export(acc)));
  }
}
