package dev.sluice.windowing.aggregate.internal;

import dev.sluice.core.aggregate.AggregateOperation;
import dev.sluice.core.state.StateCodec;
import dev.sluice.windowing.aggregate.DistinctAccumulator;
import java.util.Objects;
import java.util.function.Function;

/** Counts the distinct values of a function of the items, exactly. */
public final class DistinctCountOperation<T, K>
    implements AggregateOperation<T, DistinctAccumulator<K>, Long> {
  private final Function<? super T, ? extends K> fn;
  private final StateCodec<DistinctAccumulator<K>> codec;

  /** Counts the distinct values of {@code fn}, written into snapshots with {@code valueCodec}. */
  public DistinctCountOperation(Function<? super T, ? extends K> fn, StateCodec<K> valueCodec) {
    this.fn = Objects.requireNonNull(fn, "fn");
    this.codec = DistinctAccumulator.codec(valueCodec);
  }

  @Override
  public DistinctAccumulator<K> create() {
    return new DistinctAccumulator<>();
  }

  @Override
  public void accumulate(DistinctAccumulator<K> acc, T item) {
    acc.add(fn.apply(item));
  }

  @Override
  public void combine(DistinctAccumulator<K> acc, DistinctAccumulator<K> other) {
    acc.combine(other);
  }

  @Override
  public Long export(DistinctAccumulator<K> acc) {
    return acc.count();
  }

  @Override
  public StateCodec<DistinctAccumulator<K>> accumulatorCodec() {
    return codec;
  }

  @Override
  public String toString() {
    return "distinctCount";
  }
}
