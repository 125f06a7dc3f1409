package dev.sluice.windowing.aggregate;

import dev.sluice.core.state.StateCodec;
import dev.sluice.core.state.StateCodecs;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The distinct values seen, in a {@link HashSet}: the accumulator of {@link
 * Aggregations#distinctCount}. Exact; memory grows with the number of distinct values (about 40
 * bytes per value plus the value itself).
 *
 * <p><b>Threading:</b> not thread-safe. <b>Allocation:</b> a set entry per new distinct value.
 *
 * @param <K> the value type; needs {@code equals} and {@code hashCode}; null is a value like any
 *     other
 */
public final class DistinctAccumulator<K> {
  private final HashSet<K> seen = new HashSet<>();

  /** Creates an empty accumulator. */
  public DistinctAccumulator() {}

  /** Adds {@code value}; true if it was not seen before. */
  public boolean add(K value) {
    return seen.add(value);
  }

  /** Adds every value of {@code other}, which is not modified. */
  public void combine(DistinctAccumulator<? extends K> other) {
    seen.addAll(other.seen);
  }

  /** How many distinct values were seen. */
  public long count() {
    return seen.size();
  }

  /** True if {@code value} was seen. */
  public boolean contains(Object value) {
    return seen.contains(value);
  }

  /** The distinct values (a copy). */
  public Set<K> values() {
    return new HashSet<>(seen);
  }

  /** Writes the number of values, then each (nullable) value with {@code valueCodec}. */
  public static <K> StateCodec<DistinctAccumulator<K>> codec(StateCodec<K> valueCodec) {
    StateCodec<K> element = StateCodecs.nullable(Objects.requireNonNull(valueCodec, "valueCodec"));
    return new StateCodec<>() {
      @Override
      public void encode(DistinctAccumulator<K> value, DataOutput out) throws IOException {
        out.writeInt(value.seen.size());
        for (K k : value.seen) {
          element.encode(k, out);
        }
      }

      @Override
      public DistinctAccumulator<K> decode(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
          throw new IOException("corrupt distinct accumulator: " + n + " values");
        }
        DistinctAccumulator<K> a = new DistinctAccumulator<>();
        for (int i = 0; i < n; i++) {
          a.seen.add(element.decode(in));
        }
        return a;
      }

      @Override
      public String formatId() {
        return "sluice.aggregate.distinct/1<" + valueCodec.formatId() + ">";
      }
    };
  }

  @Override
  public String toString() {
    return "DistinctAccumulator[" + seen.size() + " values]";
  }
}
