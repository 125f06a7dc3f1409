package dev.sluice.windowing.aggregate.internal;

import dev.sluice.core.aggregate.AggregateOperation;
import dev.sluice.core.state.StateCodec;
import dev.sluice.windowing.aggregate.TimestampedReference;
import java.util.Objects;
import java.util.function.ToLongFunction;

/**
 * Keeps the item with the earliest (ties: the first to arrive) or latest (ties: the last to arrive)
 * timestamp extracted from the items.
 */
public final class SelectByTimeOperation<T>
    implements AggregateOperation<T, TimestampedReference<T>, T> {
  private final ToLongFunction<? super T> timestampFn;
  private final boolean latest;
  private final StateCodec<TimestampedReference<T>> codec;

  /** The earliest ({@code latest} false) or latest item by {@code timestampFn}. */
  public SelectByTimeOperation(
      ToLongFunction<? super T> timestampFn, boolean latest, StateCodec<T> itemCodec) {
    this.timestampFn = Objects.requireNonNull(timestampFn, "timestampFn");
    this.latest = latest;
    this.codec = TimestampedReference.codec(Objects.requireNonNull(itemCodec, "itemCodec"));
  }

  @Override
  public TimestampedReference<T> create() {
    return new TimestampedReference<>();
  }

  @Override
  public void accumulate(TimestampedReference<T> acc, T item) {
    long timestamp = timestampFn.applyAsLong(item);
    if (latest) {
      acc.keepLatest(item, timestamp);
    } else {
      acc.keepEarliest(item, timestamp);
    }
  }

  @Override
  public void combine(TimestampedReference<T> acc, TimestampedReference<T> other) {
    if (other.isPresent()) {
      if (latest) {
        acc.keepLatest(other.get(), other.timestamp());
      } else {
        acc.keepEarliest(other.get(), other.timestamp());
      }
    }
  }

  @Override
  public T export(TimestampedReference<T> acc) {
    return acc.get();
  }

  @Override
  public StateCodec<TimestampedReference<T>> accumulatorCodec() {
    return codec;
  }

  @Override
  public String toString() {
    return latest ? "lastByTime" : "firstByTime";
  }
}
