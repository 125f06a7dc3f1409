package dev.sluice.windowing.aggregate.internal;

import dev.sluice.core.aggregate.AggregateOperation;
import dev.sluice.core.state.StateCodec;
import dev.sluice.windowing.aggregate.OptionalDoubleAccumulator;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/** The least or greatest double extracted from the items (Double.compare order); null when empty. */
public final class DoubleExtremumOperation<T>
    implements AggregateOperation<T, OptionalDoubleAccumulator, Double> {
  private final ToDoubleFunction<? super T> fn;
  private final boolean max;

  /** The minimum ({@code max} false) or maximum of {@code fn}. */
  public DoubleExtremumOperation(ToDoubleFunction<? super T> fn, boolean max) {
    this.fn = Objects.requireNonNull(fn, "fn");
    this.max = max;
  }

  @Override
  public OptionalDoubleAccumulator create() {
    return new OptionalDoubleAccumulator();
  }

  @Override
  public void accumulate(OptionalDoubleAccumulator acc, T item) {
    double x = fn.applyAsDouble(item);
    if (max) {
      acc.max(x);
    } else {
      acc.min(x);
    }
  }

  @Override
  public void combine(OptionalDoubleAccumulator acc, OptionalDoubleAccumulator other) {
    if (other.isPresent()) {
      if (max) {
        acc.max(other.get());
      } else {
        acc.min(other.get());
      }
    }
  }

  @Override
  public Double export(OptionalDoubleAccumulator acc) {
    return acc.orNull();
  }

  @Override
  public StateCodec<OptionalDoubleAccumulator> accumulatorCodec() {
    return OptionalDoubleAccumulator.codec();
  }

  @Override
  public String toString() {
    return max ? "maxDouble" : "minDouble";
  }
}
