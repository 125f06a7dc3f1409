package dev.sluice.windowing.aggregate;

import dev.sluice.core.state.StateCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * A mutable {@code double} that may be empty: the accumulator of {@link Aggregations#minDouble}
 * and {@link Aggregations#maxDouble}.
 *
 * <p>{@link #min} and {@link #max} order values as {@link Double#compare} does: {@code -0.0} below
 * {@code 0.0}, and NaN above every other value (so a NaN input makes the maximum NaN and is the
 * minimum only if every input is NaN). This is a total order, so the result does not depend on
 * the order of inputs or on how they were split and combined.
 *
 * <p><b>Threading:</b> not thread-safe. <b>Allocation:</b> none, except {@link #orNull()}, which
 * boxes.
 */
public final class OptionalDoubleAccumulator {
  private double value;
  private boolean present;

  /** Creates an empty accumulator. */
  public OptionalDoubleAccumulator() {}

  /** True if a value was set. */
  public boolean isPresent() {
    return present;
  }

  /**
   * The value.
   *
   * @throws IllegalStateException if empty
   */
  public double get() {
    if (!present) {
      throw new IllegalStateException("no value");
    }
    return value;
  }

  /** The value, or null if empty. Boxes. */
  public Double orNull() {
    return present ? value : null;
  }

  /** Sets the value. */
  public void set(double value) {
    this.value = value;
    this.present = true;
  }

  /** Keeps the smaller of the value and {@code x} by {@link Double#compare}. */
  public void min(double x) {
    if (!present || Double.compare(x, value) < 0) {
      set(x);
    }
  }

  /** Keeps the greater of the value and {@code x} by {@link Double#compare}. */
  public void max(double x) {
    if (!present || Double.compare(x, value) > 0) {
      set(x);
    }
  }

  /** Writes a presence byte and the raw bits of the value (9 bytes). */
  public static StateCodec<OptionalDoubleAccumulator> codec() {
    return CODEC;
  }

  private static final StateCodec<OptionalDoubleAccumulator> CODEC =
      new StateCodec<>() {
        @Override
        public void encode(OptionalDoubleAccumulator value, DataOutput out) throws IOException {
          out.writeBoolean(value.present);
          out.writeLong(Double.doubleToRawLongBits(value.value));
        }

        @Override
        public OptionalDoubleAccumulator decode(DataInput in) throws IOException {
          OptionalDoubleAccumulator a = new OptionalDoubleAccumulator();
          a.present = in.readBoolean();
          a.value = Double.longBitsToDouble(in.readLong());
          return a;
        }

        @Override
        public String formatId() {
          return "sluice.aggregate.optional-double/1";
        }
      };

  @Override
  public String toString() {
    return present ? "OptionalDoubleAccumulator[" + value + "]" : "OptionalDoubleAccumulator[empty]";
  }
}
