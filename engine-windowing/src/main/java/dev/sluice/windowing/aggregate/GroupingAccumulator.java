package dev.sluice.windowing.aggregate;

import dev.sluice.core.aggregate.AggregateOperation;
import dev.sluice.core.state.StateCodec;
import dev.sluice.core.state.StateCodecs;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * One accumulator of a downstream operation per group key, with the number of items in each
 * group: the accumulator of {@link Aggregations#groupingBy}. A group whose count falls to zero by
 * {@link #deduct} is removed, so a sliding window never reports empty groups.
 *
 * <p><b>Threading:</b> not thread-safe. <b>Allocation:</b> a map entry, a group and a downstream
 * accumulator per new group key; nothing for an existing key beyond what the downstream operation
 * allocates.
 *
 * @param <K> the group key type (needs {@code equals}/{@code hashCode}; null is a key like any
 *     other)
 * @param <A> the downstream accumulator type
 */
public final class GroupingAccumulator<K, A> {
  private final HashMap<K, Group<A>> groups = new HashMap<>();

  private static final class Group<A> {
    final A accumulator;
    long count;

    Group(A accumulator) {
      this.accumulator = accumulator;
    }
  }

  /** Creates an empty accumulator. */
  public GroupingAccumulator() {}

  /** Accumulates {@code item} into the group {@code key} with {@code op}. */
  public <T> void accumulate(K key, T item, AggregateOperation<? super T, A, ?> op) {
    Group<A> g = groups.get(key);
    if (g == null) {
      g = new Group<>(op.create());
      groups.put(key, g);
    }
    op.accumulate(g.accumulator, item);
    g.count++;
  }

  /** Combines every group of {@code other} (not modified) into this one's with {@code op}. */
  public void combine(GroupingAccumulator<K, A> other, AggregateOperation<?, A, ?> op) {
    for (Map.Entry<K, Group<A>> e : other.groups.entrySet()) {
      Group<A> g = groups.get(e.getKey());
      if (g == null) {
        g = new Group<>(op.create());
        groups.put(e.getKey(), g);
      }
      op.combine(g.accumulator, e.getValue().accumulator);
      g.count += e.getValue().count;
    }
  }

  /**
   * Deducts every group of {@code other} (previously combined into this one) with {@code op};
   * groups left with no items are removed.
   *
   * @throws UnsupportedOperationException if {@code op} cannot deduct
   * @throws IllegalArgumentException if {@code other} holds a group this one does not, or more
   *     items of a group than this one (it was not combined into this one); nothing is changed
   */
  public void deduct(GroupingAccumulator<K, A> other, AggregateOperation<?, A, ?> op) {
    if (!op.canDeduct()) {
      throw new UnsupportedOperationException("the downstream operation cannot deduct");
    }
    for (Map.Entry<K, Group<A>> e : other.groups.entrySet()) {
      Group<A> g = groups.get(e.getKey());
      if (g == null || g.count < e.getValue().count) {
        throw new IllegalArgumentException(
            "cannot deduct group '"
                + e.getKey()
                + "': it holds "
                + e.getValue().count
                + " items here only "
                + (g == null ? 0 : g.count));
      }
    }
    for (Map.Entry<K, Group<A>> e : other.groups.entrySet()) {
      Group<A> g = groups.get(e.getKey());
      g.count -= e.getValue().count;
      if (g.count == 0) {
        groups.remove(e.getKey());
      } else {
        op.deduct(g.accumulator, e.getValue().accumulator);
      }
    }
  }

  /** How many groups there are. */
  public int size() {
    return groups.size();
  }

  /** The accumulator of group {@code key}, or null if there is no such group. */
  public A accumulator(K key) {
    Group<A> g = groups.get(key);
    return g == null ? null : g.accumulator;
  }

  /** How many items group {@code key} holds (0 if there is no such group). */
  public long count(K key) {
    Group<A> g = groups.get(key);
    return g == null ? 0 : g.count;
  }

  /** Calls {@code action} with each group key and its accumulator (read it, do not mutate it). */
  public void forEachGroup(BiConsumer<? super K, ? super A> action) {
    for (Map.Entry<K, Group<A>> e : groups.entrySet()) {
      action.accept(e.getKey(), e.getValue().accumulator);
    }
  }

  /**
   * The group keys and their accumulators, in a new unmodifiable map (the accumulators are this
   * one's own: read them, do not mutate them).
   */
  public Map<K, A> accumulators() {
    Map<K, A> out = new HashMap<>();
    groups.forEach((k, g) -> out.put(k, g.accumulator));
    return Collections.unmodifiableMap(out);
  }

  /**
   * Writes the number of groups, then each group's key with {@code keyCodec} (nullable), count,
   * and accumulator with {@code accumulatorCodec}.
   */
  public static <K, A> StateCodec<GroupingAccumulator<K, A>> codec(
      StateCodec<K> keyCodec, StateCodec<A> accumulatorCodec) {
    StateCodec<K> keys = StateCodecs.nullable(Objects.requireNonNull(keyCodec, "keyCodec"));
    Objects.requireNonNull(accumulatorCodec, "accumulatorCodec");
    return new StateCodec<>() {
      @Override
      public void encode(GroupingAccumulator<K, A> value, DataOutput out) throws IOException {
        out.writeInt(value.groups.size());
        for (Map.Entry<K, Group<A>> e : value.groups.entrySet()) {
          keys.encode(e.getKey(), out);
          out.writeLong(e.getValue().count);
          accumulatorCodec.encode(e.getValue().accumulator, out);
        }
      }

      @Override
      public GroupingAccumulator<K, A> decode(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
          throw new IOException("corrupt grouping accumulator: " + n + " groups");
        }
        GroupingAccumulator<K, A> a = new GroupingAccumulator<>();
        for (int i = 0; i < n; i++) {
          K key = keys.decode(in);
          long count = in.readLong();
          Group<A> g = new Group<>(accumulatorCodec.decode(in));
          g.count = count;
          a.groups.put(key, g);
        }
        return a;
      }

      @Override
      public String formatId() {
        return "sluice.aggregate.grouping/1<"
            + keyCodec.formatId()
            + ","
            + accumulatorCodec.formatId()
            + ">";
      }
    };
  }

  @Override
  public String toString() {
    return "GroupingAccumulator[" + groups.size() + " groups]";
  }
}
