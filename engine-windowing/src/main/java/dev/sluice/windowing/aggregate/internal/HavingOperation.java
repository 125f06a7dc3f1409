package dev.sluice.windowing.aggregate.internal;

import dev.sluice.core.aggregate.AggregateOperation;
import dev.sluice.core.state.StateCodec;
import dev.sluice.windowing.aggregate.Having;
import java.util.Objects;

/** Delegates to an operation; exports null when its result fails the condition. */
public final class HavingOperation<T, A, R> implements AggregateOperation<T, A, R> {
  private final AggregateOperation<T, A, R> op;
  private final Having<? super R> condition;

  /** {@code op}, filtered by {@code condition} after export. */
  public HavingOperation(AggregateOperation<T, A, R> op, Having<? super R> condition) {
    this.op = Objects.requireNonNull(op, "op");
    this.condition = Objects.requireNonNull(condition, "condition");
  }

  @Override
  public A create() {
    return op.create();
  }

  @Override
  public void accumulate(A acc, T item) {
    op.accumulate(acc, item);
  }

  @Override
  public void combine(A acc, A other) {
    op.combine(acc, other);
  }

  @Override
  public boolean canDeduct() {
    return op.canDeduct();
  }

  @Override
  public void deduct(A acc, A other) {
    op.deduct(acc, other);
  }

  @Override
  public R export(A acc) {
    R result = op.export(acc);
    return result != null && condition.test(result) ? result : null;
  }

  @Override
  public StateCodec<A> accumulatorCodec() {
    return op.accumulatorCodec();
  }

  @Override
  public String toString() {
    return "having(" + op + ")";
  }
}
