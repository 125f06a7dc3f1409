package dev.sluice.windowing.aggregate;

import dev.sluice.core.state.StateCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Count, mean and sum of squared deviations of {@code double} values: the accumulator of the
 * variance and standard deviation aggregations.
 *
 * <p>{@link #add} uses Welford's update and {@link #combine} the pairwise update of Chan, Golub
 * and LeVeque, both on values <em>shifted</em> by the first value the accumulator saw: a stream
 * like 10<sup>9</sup> + noise is accumulated as the noise, so the large offset costs no
 * precision. Because the shift is itself one of the values, it lies within √n standard
 * deviations of the mean, which bounds the error whatever the offset. The property tests compare
 * it with the exact value (rational arithmetic) on such data: the relative error of the variance
 * stayed below n · 2<sup>-53</sup> for n values (see {@code docs/aggregations.md}).
 *
 * <p>There is no deduct: removing a part's contribution means subtracting sums of squared
 * deviations, which cancels catastrophically when the part that leaves varies much more than the
 * rest, and errors would accumulate without bound in a window that slides forever.
 *
 * <p>NaN or infinite inputs make the mean and variance NaN (as in {@link
 * java.util.DoubleSummaryStatistics}).
 *
 * <p><b>Threading:</b> not thread-safe. <b>Allocation:</b> none.
 */
public final class VarianceAccumulator {
  private long count;
  private double shift;
  private double mean; // of (x - shift)
  private double m2; // sum of squared deviations from the mean

  /** Creates an empty accumulator. */
  public VarianceAccumulator() {}

  /** Adds {@code x}. */
  public void add(double x) {
    if (count == 0) {
      shift = x;
    }
    double d = x - shift;
    long n = ++count;
    double delta = d - mean;
    mean += delta / n;
    m2 += delta * (d - mean);
  }

  /** Adds everything in {@code other}, which is not modified. */
  public void combine(VarianceAccumulator other) {
    long nb = other.count;
    if (nb == 0) {
      return;
    }
    long na = count;
    if (na == 0) {
      count = nb;
      shift = other.shift;
      mean = other.mean;
      m2 = other.m2;
      return;
    }
    long n = na + nb;
    double otherMean = other.mean + (other.shift - shift);
    double delta = otherMean - mean;
    mean += delta * ((double) nb / n);
    m2 += other.m2 + delta * delta * ((double) na * nb / n);
    count = n;
  }

  /** How many values were added. */
  public long count() {
    return count;
  }

  /** The mean, or NaN if empty. */
  public double mean() {
    return count == 0 ? Double.NaN : shift + mean;
  }

  /** The population variance (sum of squared deviations / n), or NaN if empty. */
  public double populationVariance() {
    return count == 0 ? Double.NaN : m2 / count;
  }

  /** The sample variance (sum of squared deviations / (n - 1)), or NaN if fewer than 2 values. */
  public double sampleVariance() {
    return count < 2 ? Double.NaN : m2 / (count - 1);
  }

  /** The population standard deviation, or NaN if empty. */
  public double populationStddev() {
    return Math.sqrt(populationVariance());
  }

  /** The sample standard deviation, or NaN if fewer than 2 values. */
  public double sampleStddev() {
    return Math.sqrt(sampleVariance());
  }

  /** Writes the count, shift, shifted mean and sum of squares (32 bytes, raw bits). */
  public static StateCodec<VarianceAccumulator> codec() {
    return CODEC;
  }

  private static final StateCodec<VarianceAccumulator> CODEC =
      new StateCodec<>() {
        @Override
        public void encode(VarianceAccumulator value, DataOutput out) throws IOException {
          out.writeLong(value.count);
          out.writeLong(Double.doubleToRawLongBits(value.shift));
          out.writeLong(Double.doubleToRawLongBits(value.mean));
          out.writeLong(Double.doubleToRawLongBits(value.m2));
        }

        @Override
        public VarianceAccumulator decode(DataInput in) throws IOException {
          VarianceAccumulator a = new VarianceAccumulator();
          a.count = in.readLong();
          a.shift = Double.longBitsToDouble(in.readLong());
          a.mean = Double.longBitsToDouble(in.readLong());
          a.m2 = Double.longBitsToDouble(in.readLong());
          return a;
        }

        @Override
        public String formatId() {
          return "sluice.aggregate.variance/1";
        }
      };

  @Override
  public String toString() {
    return "VarianceAccumulator[count=" + count + ", mean=" + mean() + ", m2=" + m2 + "]";
  }
}
