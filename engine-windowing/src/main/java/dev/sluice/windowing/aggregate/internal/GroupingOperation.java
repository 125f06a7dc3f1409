package dev.sluice.windowing.aggregate.internal;

import dev.sluice.core.aggregate.AggregateOperation;
import dev.sluice.core.state.StateCodec;
import dev.sluice.windowing.aggregate.GroupingAccumulator;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** Groups items by a key and runs a downstream operation per group; exports a map of results. */
public final class GroupingOperation<T, K, A, R>
    implements AggregateOperation<T, GroupingAccumulator<K, A>, Map<K, R>> {
  private final Function<? super T, ? extends K> keyFn;
  private final AggregateOperation<? super T, A, R> downstream;
  private final StateCodec<GroupingAccumulator<K, A>> codec;

  /**
   * Creates the operation.
   *
   * @param keyFn the group key of an item
   * @param downstream the operation run per group
   * @param keyCodec writes group keys into snapshots
   */
  public GroupingOperation(
      Function<? super T, ? extends K> keyFn,
      AggregateOperation<? super T, A, R> downstream,
      StateCodec<K> keyCodec) {
    this.keyFn = Objects.requireNonNull(keyFn, "keyFn");
    this.downstream = Objects.requireNonNull(downstream, "downstream");
    this.codec = GroupingAccumulator.codec(keyCodec, downstream.accumulatorCodec());
  }

  @Override
  public GroupingAccumulator<K, A> create() {
    return new GroupingAccumulator<>();
  }

  @Override
  public void accumulate(GroupingAccumulator<K, A> acc, T item) {
    acc.accumulate(keyFn.apply(item), item, downstream);
  }

  @Override
  public void combine(GroupingAccumulator<K, A> acc, GroupingAccumulator<K, A> other) {
    acc.combine(other, downstream);
  }

  @Override
  public boolean canDeduct() {
    return downstream.canDeduct();
  }

  @Override
  public void deduct(GroupingAccumulator<K, A> acc, GroupingAccumulator<K, A> other) {
    acc.deduct(other, downstream);
  }

  @Override
  public Map<K, R> export(GroupingAccumulator<K, A> acc) {
    Map<K, R> out = new HashMap<>();
    acc.forEachGroup((k, a) -> out.put(k, downstream.export(a)));
    return Collections.unmodifiableMap(out);
  }

  @Override
  public StateCodec<GroupingAccumulator<K, A>> accumulatorCodec() {
    return codec;
  }

  @Override
  public String toString() {
    return "groupingBy(" + downstream + ")";
  }
}
