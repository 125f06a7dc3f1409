package dev.sluice.windowing.aggregate.internal;

import dev.sluice.core.aggregate.AggregateOperation;
import dev.sluice.core.aggregate.MutableReference;
import dev.sluice.core.state.StateCodec;
import java.util.Comparator;
import java.util.Objects;

/**
 * Keeps one item: the first or last by arrival, or the least or greatest by a comparator (ties keep
 * the earlier item). Combine treats the other accumulator's item as arriving later.
 */
public final class SelectOperation<T> implements AggregateOperation<T, MutableReference<T>, T> {

  /** Which item is kept. */
  public enum Mode {
    /** The first item to arrive. */
    FIRST,
    /** The last item to arrive. */
    LAST,
    /** The least by the comparator; the earliest among equals. */
    MIN_BY,
    /** The greatest by the comparator; the earliest among equals. */
    MAX_BY
  }

  private final Mode mode;
  private final Comparator<? super T> comparator;
  private final StateCodec<MutableReference<T>> codec;

  /**
   * Creates the operation.
   *
   * @param comparator required for {@code MIN_BY} and {@code MAX_BY}, ignored otherwise
   * @param itemCodec writes the kept item into snapshots
   */
  public SelectOperation(Mode mode, Comparator<? super T> comparator, StateCodec<T> itemCodec) {
    this.mode = Objects.requireNonNull(mode, "mode");
    if ((mode == Mode.MIN_BY || mode == Mode.MAX_BY) && comparator == null) {
      throw new NullPointerException("comparator");
    }
    this.comparator = comparator;
    this.codec = MutableReference.codec(Objects.requireNonNull(itemCodec, "itemCodec"));
  }

  @Override
  public MutableReference<T> create() {
    return new MutableReference<>();
  }

  @Override
  public void accumulate(MutableReference<T> acc, T item) {
    if (item == null) {
      throw new NullPointerException(this + ": item is null");
    }
    offer(acc, item);
  }

  private void offer(MutableReference<T> acc, T item) {
    T current = acc.get();
    if (current == null) {
      acc.set(item);
      return;
    }
    switch (mode) {
      case FIRST -> {}
      case LAST -> acc.set(item);
      case MIN_BY -> {
        if (comparator.compare(item, current) < 0) {
          acc.set(item);
        }
      }
      case MAX_BY -> {
        if (comparator.compare(item, current) > 0) {
          acc.set(item);
        }
      }
      default -> throw new AssertionError(mode);
    }
  }

  @Override
  public void combine(MutableReference<T> acc, MutableReference<T> other) {
    T item = other.get();
    if (item != null) {
      offer(acc, item);
    }
  }

  @Override
  public T export(MutableReference<T> acc) {
    return acc.get();
  }

  @Override
  public StateCodec<MutableReference<T>> accumulatorCodec() {
    return codec;
  }

  @Override
  public String toString() {
    return switch (mode) {
      case FIRST -> "first";
      case LAST -> "last";
      case MIN_BY -> "minBy";
      case MAX_BY -> "maxBy";
    };
  }
}
