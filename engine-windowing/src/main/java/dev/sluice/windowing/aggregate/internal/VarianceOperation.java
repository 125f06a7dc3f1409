package dev.sluice.windowing.aggregate.internal;

import dev.sluice.core.aggregate.AggregateOperation;
import dev.sluice.core.state.StateCodec;
import dev.sluice.windowing.aggregate.VarianceAccumulator;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/** Variance or standard deviation (population or sample) of a double extracted from each item. */
public final class VarianceOperation<T>
    implements AggregateOperation<T, VarianceAccumulator, Double> {

  /** What is exported. */
  public enum Kind {
    /** Sum of squared deviations / n. */
    POPULATION_VARIANCE,
    /** Sum of squared deviations / (n - 1). */
    SAMPLE_VARIANCE,
    /** Square root of the population variance. */
    POPULATION_STDDEV,
    /** Square root of the sample variance. */
    SAMPLE_STDDEV
  }

  private final ToDoubleFunction<? super T> fn;
  private final Kind kind;

  /** The {@code kind} statistic of {@code fn}. */
  public VarianceOperation(ToDoubleFunction<? super T> fn, Kind kind) {
    this.fn = Objects.requireNonNull(fn, "fn");
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  @Override
  public VarianceAccumulator create() {
    return new VarianceAccumulator();
  }

  @Override
  public void accumulate(VarianceAccumulator acc, T item) {
    acc.add(fn.applyAsDouble(item));
  }

  @Override
  public void combine(VarianceAccumulator acc, VarianceAccumulator other) {
    acc.combine(other);
  }

  @Override
  public Double export(VarianceAccumulator acc) {
    return switch (kind) {
      case POPULATION_VARIANCE -> acc.populationVariance();
      case SAMPLE_VARIANCE -> acc.sampleVariance();
      case POPULATION_STDDEV -> acc.populationStddev();
      case SAMPLE_STDDEV -> acc.sampleStddev();
    };
  }

  @Override
  public StateCodec<VarianceAccumulator> accumulatorCodec() {
    return VarianceAccumulator.codec();
  }

  @Override
  public String toString() {
    return switch (kind) {
      case POPULATION_VARIANCE -> "variance";
      case SAMPLE_VARIANCE -> "sampleVariance";
      case POPULATION_STDDEV -> "stddev";
      case SAMPLE_STDDEV -> "sampleStddev";
    };
  }
}
