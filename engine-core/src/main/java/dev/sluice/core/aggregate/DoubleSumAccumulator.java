package dev.sluice.core.aggregate;

import dev.sluice.core.state.StateCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
/**
 * A mutable sum of doubles with a count, the accumulator of summing and averaging doubles. Uses
 * Kahan compensation so long sums stay accurate. Not thread-safe.
 */
public final class DoubleSumAccumulator {
  /** Creates an empty accumulator. */
  public DoubleSumAccumulator() {}

  private double sum;
  private double compensation;
  private long count;

  /** Adds {@code x}. */
  public void add(double x) {
    double y = x - compensation;
    double t = sum + y;
    compensation = (t - sum) - y;
    sum = t;
    count++;
  }

  /** Adds everything in {@code other}. */
  public void combine(DoubleSumAccumulator other) {
    add(other.sum);
    count += other.count - 1;
  }

  /** Removes everything in {@code other}. */
  public void deduct(DoubleSumAccumulator other) {
    add(-other.sum);
    count -= other.count + 1;
  }

  /** The sum. */
  public double sum() {
    return sum;
  }

  /** How many values were added. */
  public long count() {
    return count;
  }

  /** The mean, or NaN if empty. */
  public double mean() {
    return count == 0 ? Double.NaN : sum / count;
  }

  /** Writes the sum, its compensation term and the count. */
  public static StateCodec<DoubleSumAccumulator> codec() {
    return CODEC;
  }

  private static final StateCodec<DoubleSumAccumulator> CODEC =
      new StateCodec<>() {
        @Override
        public void encode(DoubleSumAccumulator value, DataOutput out) throws IOException {
          out.writeDouble(value.sum);
          out.writeDouble(value.compensation);
          out.writeLong(value.count);
        }

        @Override
        public DoubleSumAccumulator decode(DataInput in) throws IOException {
          DoubleSumAccumulator a = new DoubleSumAccumulator();
          a.sum = in.readDouble();
          a.compensation = in.readDouble();
          a.count = in.readLong();
          return a;
        }
      };
}
