package dev.sluice.windowing.internal;

import dev.sluice.core.aggregate.AggregateOperation;
import dev.sluice.core.state.StateCodec;
import dev.sluice.windowing.FiringKind;
import dev.sluice.windowing.TimeWindow;

/** Panes that aggregate incrementally with an {@link AggregateOperation}. */
final class AggregatePaneFunction<K, T, A, R> implements PaneFunction<K, T, A, R> {
  private final AggregateOperation<? super T, A, R> op;
  private final StateCodec<A> codec;
  private final boolean canDeduct;

  AggregatePaneFunction(AggregateOperation<? super T, A, R> op) {
    this.op = op;
    this.codec = op.accumulatorCodec();
    this.canDeduct = op.canDeduct();
  }

  AggregateOperation<? super T, A, R> operation() {
    return op;
  }

  @Override
  public A create() {
    A acc = op.create();
    if (acc == null) {
      throw new NullPointerException("the aggregate operation created a null accumulator");
    }
    return acc;
  }

  @Override
  public void accumulate(A acc, T event, long timestamp) {
    op.accumulate(acc, event);
  }

  @Override
  public void combine(A acc, A other) {
    op.combine(acc, other);
  }

  @Override
  public boolean canDeduct() {
    return canDeduct;
  }

  @Override
  public void deduct(A acc, A other) {
    op.deduct(acc, other);
  }

  @Override
  public R result(K key, TimeWindow window, FiringKind kind, A acc) {
    return op.export(acc);
  }

  @Override
  public StateCodec<A> codec() {
    return codec;
  }
}
