package dev.sluice.windowing.internal;

import dev.sluice.core.aggregate.AggregateOperation;
import dev.sluice.core.state.StateCodec;
import dev.sluice.windowing.FiringKind;
import dev.sluice.windowing.TimeWindow;

/** Panes of the combining stage of a non-keyed window: combine the instances' partials. */
final class CombinePaneFunction<K, A, R> implements PaneFunction<K, Object, A, R> {
  private final AggregateOperation<?, A, R> op;
  private final StateCodec<A> codec;

  CombinePaneFunction(AggregateOperation<?, A, R> op) {
    this.op = op;
    this.codec = op.accumulatorCodec();
  }

  @Override
  public A create() {
    return op.create();
  }

  @Override
  @SuppressWarnings("unchecked")
  public void accumulate(A acc, Object event, long timestamp) {
    op.combine(acc, (A) ((PartialWindow) event).acc());
  }

  @Override
  public void combine(A acc, A other) {
    op.combine(acc, other);
  }

  @Override
  public boolean canDeduct() {
    return false;
  }

  @Override
  public void deduct(A acc, A other) {
    throw new UnsupportedOperationException();
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
