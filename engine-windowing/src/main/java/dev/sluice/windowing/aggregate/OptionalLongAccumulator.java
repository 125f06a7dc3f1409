package dev.sluice.windowing.aggregate;

import dev.sluice.core.state.StateCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A mutable {@code long} that may be empty: the accumulator of {@link Aggregations#minLong} and
 * {@link Aggregations#maxLong}.
 *
 * <p><b>Threading:</b> not thread-safe. <b>Allocation:</b> none, except {@link #orNull()}, which
 * boxes.
 */
public final class OptionalLongAccumulator {
  private long value;
  private boolean present;

  /** Creates an empty accumulator. */
  public OptionalLongAccumulator() {}

  /** True if a value was set. */
  public boolean isPresent() {
    return present;
  }

  /**
   * The value.
   *
   * @throws IllegalStateException if empty
   */
  public long get() {
    if (!present) {
      throw new IllegalStateException("no value");
    }
    return value;
  }

  /** The value, or null if empty. Boxes. */
  public Long orNull() {
    return present ? value : null;
  }

  /** Sets the value. */
  public void set(long value) {
    this.value = value;
    this.present = true;
  }

  /** Keeps the smaller of the value and {@code x} (sets {@code x} if empty). */
  public void min(long x) {
    if (!present || x < value) {
      set(x);
    }
  }

  /** Keeps the greater of the value and {@code x} (sets {@code x} if empty). */
  public void max(long x) {
    if (!present || x > value) {
      set(x);
    }
  }

  /** Writes a presence byte and the value (9 bytes). */
  public static StateCodec<OptionalLongAccumulator> codec() {
    return CODEC;
  }

  private static final StateCodec<OptionalLongAccumulator> CODEC =
      new StateCodec<>() {
        @Override
        public void encode(OptionalLongAccumulator value, DataOutput out) throws IOException {
          out.writeBoolean(value.present);
          out.writeLong(value.value);
        }

        @Override
        public OptionalLongAccumulator decode(DataInput in) throws IOException {
          OptionalLongAccumulator a = new OptionalLongAccumulator();
          a.present = in.readBoolean();
          a.value = in.readLong();
          return a;
        }

        @Override
        public String formatId() {
          return "sluice.aggregate.optional-long/1";
        }
      };

  @Override
  public String toString() {
    return present ? "OptionalLongAccumulator[" + value + "]" : "OptionalLongAccumulator[empty]";
  }
}
