package dev.sluice.windowing.aggregate.internal;

import dev.sluice.core.aggregate.AggregateOperation;
import dev.sluice.core.state.StateCodec;
import dev.sluice.windowing.aggregate.PercentileAccumulator;
import dev.sluice.windowing.aggregate.Percentiles;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/** Percentiles of a double extracted from each item; exports one value or all requested. */
public final class PercentileOperation<T, R>
    implements AggregateOperation<T, PercentileAccumulator, R> {
  private final ToDoubleFunction<? super T> fn;
  private final double[] percentiles;
  private final int exactLimit;
  private final boolean single;

  private PercentileOperation(
      ToDoubleFunction<? super T> fn, double[] percentiles, int exactLimit, boolean single) {
    this.fn = Objects.requireNonNull(fn, "fn");
    this.percentiles = percentiles.clone();
    if (this.percentiles.length == 0) {
      throw new IllegalArgumentException("at least one percentile is required");
    }
    for (double p : this.percentiles) {
      if (!(p >= 0 && p <= 100)) {
        throw new IllegalArgumentException("percentile must be in 0..100, was " + p);
      }
    }
    new PercentileAccumulator(exactLimit); // validates the limit now, not at the first event
    this.exactLimit = exactLimit;
    this.single = single;
  }

  /** One percentile, exported as a {@code Double}. */
  public static <T> PercentileOperation<T, Double> single(
      ToDoubleFunction<? super T> fn, double percentile, int exactLimit) {
    return new PercentileOperation<>(fn, new double[] {percentile}, exactLimit, true);
  }

  /** Several percentiles, exported as {@link Percentiles}. */
  public static <T> PercentileOperation<T, Percentiles> several(
      ToDoubleFunction<? super T> fn, double[] percentiles, int exactLimit) {
    return new PercentileOperation<>(fn, percentiles, exactLimit, false);
  }

  @Override
  public PercentileAccumulator create() {
    return new PercentileAccumulator(exactLimit);
  }

  @Override
  public void accumulate(PercentileAccumulator acc, T item) {
    acc.add(fn.applyAsDouble(item));
  }

  @Override
  public void combine(PercentileAccumulator acc, PercentileAccumulator other) {
    acc.combine(other);
  }

  @Override
  @SuppressWarnings("unchecked")
  public R export(PercentileAccumulator acc) {
    if (single) {
      return (R) Double.valueOf(acc.percentile(percentiles[0]));
    }
    double[] values = new double[percentiles.length];
    acc.percentiles(percentiles, values);
    return (R) new Percentiles(percentiles, values, acc.count(), acc.isExact());
  }

  @Override
  public StateCodec<PercentileAccumulator> accumulatorCodec() {
    return PercentileAccumulator.codec();
  }

  @Override
  public String toString() {
    return single
        ? "percentile(" + percentiles[0] + ")"
        : "percentiles" + Arrays.toString(percentiles);
  }
}
