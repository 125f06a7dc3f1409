package dev.sluice.windowing.aggregate.internal;

import dev.sluice.core.aggregate.AggregateOperation;
import dev.sluice.core.state.StateCodec;
import dev.sluice.windowing.aggregate.LongSumAccumulator;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** Sums a long extracted from each item exactly in 128 bits; exports the sum or the mean. */
public final class SummingLongOperation<T, R>
    implements AggregateOperation<T, LongSumAccumulator, R> {
  private final ToLongFunction<? super T> fn;
  private final Function<? super LongSumAccumulator, ? extends R> exporter;
  private final String name;

  /** An operation named {@code name} exporting with {@code exporter}. */
  public SummingLongOperation(
      String name,
      ToLongFunction<? super T> fn,
      Function<? super LongSumAccumulator, ? extends R> exporter) {
    this.name = name;
    this.fn = Objects.requireNonNull(fn, "fn");
    this.exporter = exporter;
  }

  @Override
  public LongSumAccumulator create() {
    return new LongSumAccumulator();
  }

  @Override
  public void accumulate(LongSumAccumulator acc, T item) {
    acc.add(fn.applyAsLong(item));
  }

  @Override
  public void combine(LongSumAccumulator acc, LongSumAccumulator other) {
    acc.combine(other);
  }

  @Override
  public boolean canDeduct() {
    return true;
  }

  @Override
  public void deduct(LongSumAccumulator acc, LongSumAccumulator other) {
    acc.deduct(other);
  }

  @Override
  public R export(LongSumAccumulator acc) {
    return exporter.apply(acc);
  }

  @Override
  public StateCodec<LongSumAccumulator> accumulatorCodec() {
    return LongSumAccumulator.codec();
  }

  @Override
  public String toString() {
    return name;
  }
}
