package dev.sluice.windowing.aggregate.internal;

import dev.sluice.core.aggregate.AggregateOperation;
import dev.sluice.core.state.StateCodec;
import dev.sluice.windowing.aggregate.TopNAccumulator;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** The n greatest items by a comparator, best first; ties keep the earlier item. */
public final class TopNOperation<T> implements AggregateOperation<T, TopNAccumulator<T>, List<T>> {
  private final int n;
  private final Comparator<? super T> comparator;
  private final StateCodec<TopNAccumulator<T>> codec;

  /** The {@code n} greatest by {@code comparator}; items written into snapshots by {@code itemCodec}. */
  public TopNOperation(int n, Comparator<? super T> comparator, StateCodec<T> itemCodec) {
    this.codec = TopNAccumulator.codec(n, comparator, itemCodec);
    this.n = n;
    this.comparator = comparator;
  }

  @Override
  public TopNAccumulator<T> create() {
    return new TopNAccumulator<>(n, comparator);
  }

  @Override
  public void accumulate(TopNAccumulator<T> acc, T item) {
    acc.add(Objects.requireNonNull(item, "topN item"));
  }

  @Override
  public void combine(TopNAccumulator<T> acc, TopNAccumulator<T> other) {
    acc.combine(other);
  }

  @Override
  public List<T> export(TopNAccumulator<T> acc) {
    return Collections.unmodifiableList(acc.toList());
  }

  @Override
  public StateCodec<TopNAccumulator<T>> accumulatorCodec() {
    return codec;
  }

  @Override
  public String toString() {
    return "topN(" + n + ")";
  }
}
