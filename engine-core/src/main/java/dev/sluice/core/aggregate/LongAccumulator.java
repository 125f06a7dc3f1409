package dev.sluice.core.aggregate;

import dev.sluice.core.state.StateCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
/** A mutable {@code long}, the accumulator of counting and summing. Not thread-safe. */
public final class LongAccumulator {
  private long value;

  /** Creates an accumulator at 0. */
  public LongAccumulator() {}

  /** Creates an accumulator at {@code value}. */
  public LongAccumulator(long value) {
    this.value = value;
  }

  /** The value. */
  public long get() {
    return value;
  }

  /** Sets the value. */
  public void set(long value) {
    this.value = value;
  }

  /** Adds {@code delta}. */
  public void add(long delta) {
    value += delta;
  }

  /** Writes the value as 8 bytes. */
  public static StateCodec<LongAccumulator> codec() {
    return CODEC;
  }

  private static final StateCodec<LongAccumulator> CODEC =
      new StateCodec<>() {
        @Override
        public void encode(LongAccumulator value, DataOutput out) throws IOException {
          out.writeLong(value.value);
        }

        @Override
        public LongAccumulator decode(DataInput in) throws IOException {
          return new LongAccumulator(in.readLong());
        }
      };

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
