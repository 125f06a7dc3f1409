package dev.sluice.windowing.aggregate;

import dev.sluice.core.state.StateCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The accumulators of the operations of {@link Aggregations#allOf}, one per operation, in order.
 *
 * <p><b>Threading:</b> not thread-safe. <b>Allocation:</b> none after creation.
 */
public final class AllOfAccumulator {
  private final Object[] parts;

  /**
   * Creates an accumulator holding {@code parts} (the array is kept, not copied).
   *
   * @param parts one accumulator per operation
   */
  public AllOfAccumulator(Object[] parts) {
    this.parts = Objects.requireNonNull(parts, "parts");
  }

  /** How many accumulators this holds. */
  public int size() {
    return parts.length;
  }

  /** The accumulator of the {@code i}-th operation. */
  public Object get(int i) {
    return parts[i];
  }

  /**
   * A codec writing each part with its own codec, in order.
   *
   * @param codecs one codec per part
   */
  public static StateCodec<AllOfAccumulator> codec(List<? extends StateCodec<?>> codecs) {
    List<StateCodec<?>> copy = List.copyOf(codecs);
    @SuppressWarnings({"unchecked", "rawtypes"})
    StateCodec<Object>[] array = copy.toArray(new StateCodec[0]);
    StringJoiner id = new StringJoiner(",", "sluice.aggregate.all-of/1<", ">");
    for (StateCodec<?> c : copy) {
      id.add(c.formatId());
    }
    String formatId = id.toString();
    return new StateCodec<>() {
      @Override
      public void encode(AllOfAccumulator value, DataOutput out) throws IOException {
        if (value.parts.length != array.length) {
          throw new IllegalArgumentException(
              "accumulator has " + value.parts.length + " parts, codec " + array.length);
        }
        for (int i = 0; i < array.length; i++) {
          array[i].encode(value.parts[i], out);
        }
      }

      @Override
      public AllOfAccumulator decode(DataInput in) throws IOException {
        Object[] parts = new Object[array.length];
        for (int i = 0; i < array.length; i++) {
          parts[i] = array[i].decode(in);
        }
        return new AllOfAccumulator(parts);
      }

      @Override
      public String formatId() {
        return formatId;
      }
    };
  }

  /** The parts as a list (a copy). */
  public List<Object> parts() {
    return new ArrayList<>(Arrays.asList(parts));
  }

  @Override
  public String toString() {
    return "AllOfAccumulator" + Arrays.toString(parts);
  }
}
