package dev.sluice.windowing.aggregate.internal;

import dev.sluice.core.aggregate.AggregateOperation;
import dev.sluice.core.state.StateCodec;
import java.util.Objects;
import java.util.function.Function;

/** Applies a function to each item before a downstream operation accumulates it. */
public final class MappingOperation<T, U, A, R> implements AggregateOperation<T, A, R> {
  private final Function<? super T, ? extends U> mapper;
  private final AggregateOperation<? super U, A, R> downstream;

  /** {@code downstream} over {@code mapper} of each item. */
  public MappingOperation(
      Function<? super T, ? extends U> mapper, AggregateOperation<? super U, A, R> downstream) {
    this.mapper = Objects.requireNonNull(mapper, "mapper");
    this.downstream = Objects.requireNonNull(downstream, "downstream");
  }

  @Override
  public A create() {
    return downstream.create();
  }

  @Override
  public void accumulate(A acc, T item) {
    downstream.accumulate(acc, mapper.apply(item));
  }

  @Override
  public void combine(A acc, A other) {
    downstream.combine(acc, other);
  }

  @Override
  public boolean canDeduct() {
    return downstream.canDeduct();
  }

  @Override
  public void deduct(A acc, A other) {
    downstream.deduct(acc, other);
  }

  @Override
  public R export(A acc) {
    return downstream.export(acc);
  }

  @Override
  public StateCodec<A> accumulatorCodec() {
    return downstream.accumulatorCodec();
  }

  @Override
  public String toString() {
    return "mapping(" + downstream + ")";
  }
}
