package dev.sluice.windowing.aggregate.internal;

import dev.sluice.core.aggregate.AggregateOperation;
import dev.sluice.core.state.StateCodec;
import dev.sluice.windowing.aggregate.OptionalLongAccumulator;
import java.util.Objects;
import java.util.function.ToLongFunction;

/** The least or greatest long extracted from the items; null when empty. */
public final class LongExtremumOperation<T>
    implements AggregateOperation<T, OptionalLongAccumulator, Long> {
  private final ToLongFunction<? super T> fn;
  private final boolean max;

  /** The minimum ({@code max} false) or maximum of {@code fn}. */
  public LongExtremumOperation(ToLongFunction<? super T> fn, boolean max) {
    this.fn = Objects.requireNonNull(fn, "fn");
    this.max = max;
  }

  @Override
  public OptionalLongAccumulator create() {
    return new OptionalLongAccumulator();
  }

  @Override
  public void accumulate(OptionalLongAccumulator acc, T item) {
    long x = fn.applyAsLong(item);
    if (max) {
      acc.max(x);
    } else {
      acc.min(x);
    }
  }

  @Override
  public void combine(OptionalLongAccumulator acc, OptionalLongAccumulator other) {
    if (other.isPresent()) {
      if (max) {
        acc.max(other.get());
      } else {
        acc.min(other.get());
      }
    }
  }

  @Override
  public Long export(OptionalLongAccumulator acc) {
    return acc.orNull();
  }

  @Override
  public StateCodec<OptionalLongAccumulator> accumulatorCodec() {
    return OptionalLongAccumulator.codec();
  }

  @Override
  public String toString() {
    return max ? "maxLong" : "minLong";
  }
}
