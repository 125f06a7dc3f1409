package dev.sluice.windowing.aggregate.internal;

import dev.sluice.core.aggregate.AggregateOperation;
import dev.sluice.core.state.StateCodec;
import dev.sluice.windowing.aggregate.LongDistinctAccumulator;
import java.util.Objects;
import java.util.function.ToLongFunction;

/** Counts the distinct longs extracted from the items, exactly and without boxing. */
public final class LongDistinctCountOperation<T>
    implements AggregateOperation<T, LongDistinctAccumulator, Long> {
  private final ToLongFunction<? super T> fn;

  /** Counts the distinct values of {@code fn}. */
  public LongDistinctCountOperation(ToLongFunction<? super T> fn) {
    this.fn = Objects.requireNonNull(fn, "fn");
  }

  @Override
  public LongDistinctAccumulator create() {
    return new LongDistinctAccumulator();
  }

  @Override
  public void accumulate(LongDistinctAccumulator acc, T item) {
    acc.add(fn.applyAsLong(item));
  }

  @Override
  public void combine(LongDistinctAccumulator acc, LongDistinctAccumulator other) {
    acc.combine(other);
  }

  @Override
  public Long export(LongDistinctAccumulator acc) {
    return acc.count();
  }

  @Override
  public StateCodec<LongDistinctAccumulator> accumulatorCodec() {
    return LongDistinctAccumulator.codec();
  }

  @Override
  public String toString() {
    return "distinctCountLong";
  }
}
