package dev.sluice.windowing.aggregate;

import dev.sluice.core.state.StateCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigInteger;

/**
 * An exact sum of {@code long} values with their count: the accumulator of {@link
 * Aggregations#summingLong} and {@link Aggregations#averagingLong}.
 *
 * <p>The sum is kept in 128 bits (a signed {@code long} and a count of its overflows, touched only
 * when the {@code long} overflows), so it never wraps for fewer than 2<sup>63</sup> values, and
 * adding, combining and deducting are exact in any order: a sliding window that adds and deducts
 * slices forever never drifts. Only reading the sum as a {@code long} ({@link #sumExact()}) can
 * fail, when the exact sum does not fit.
 *
 * <p><b>Threading:</b> not thread-safe; an accumulator belongs to one key of one operator
 * instance. <b>Allocation:</b> none, except {@link #sum()}.
 */
public final class LongSumAccumulator {
  // the sum is high * 2^64 + low, with low signed: high changes only when low overflows
  private long low;
  private long high;
  private long count;

  /** Creates an empty accumulator (sum 0, count 0). */
  public LongSumAccumulator() {}

  /** Adds {@code value} and counts it. */
  public void add(long value) {
    long sum = low + value;
    if (((low ^ sum) & (value ^ sum)) < 0) {
      // signed overflow: the true sum is sum + 2^64 (both operands positive) or sum - 2^64
      high += value < 0 ? -1 : 1;
    }
    low = sum;
    count++;
  }

  /** Adds the sum and count of {@code other}, which is not modified. */
  public void combine(LongSumAccumulator other) {
    long sum = low + other.low;
    if (((low ^ sum) & (other.low ^ sum)) < 0) {
      high += other.low < 0 ? -1 : 1;
    }
    low = sum;
    high += other.high;
    count += other.count;
  }

  /** Subtracts the sum and count of {@code other} (previously combined into this one). */
  public void deduct(LongSumAccumulator other) {
    long difference = low - other.low;
    if (((low ^ other.low) & (low ^ difference)) < 0) {
      // signed overflow: the true difference is difference + 2^64 (low >= 0 > other.low) or - 2^64
      high += other.low < 0 ? 1 : -1;
    }
    low = difference;
    high -= other.high;
    count -= other.count;
  }

  /** How many values were added (minus those deducted). */
  public long count() {
    return count;
  }

  /** True if the exact sum fits in a {@code long}. */
  public boolean fitsInLong() {
    return high == 0;
  }

  /**
   * The sum as a {@code long}.
   *
   * @throws ArithmeticException if the exact sum does not fit in a {@code long}, giving the sum
   */
  public long sumExact() {
    if (!fitsInLong()) {
      throw new ArithmeticException("the sum " + sum() + " does not fit in a long");
    }
    return low;
  }

  /** The exact sum. Allocates a {@link BigInteger}. */
  public BigInteger sum() {
    return BigInteger.valueOf(high).shiftLeft(64).add(BigInteger.valueOf(low));
  }

  /** The sum as the nearest {@code double} (within one rounding of the exact sum). */
  public double sumAsDouble() {
    if (fitsInLong()) {
      return low;
    }
    return sum().doubleValue();
  }

  /** The mean of the values, or NaN if there are none. */
  public double mean() {
    if (count == 0) {
      return Double.NaN;
    }
    if (fitsInLong()) {
      return (double) low / count;
    }
    return sumAsDouble() / count;
  }

  /** Writes the overflow count, the signed low word and the count (24 bytes). */
  public static StateCodec<LongSumAccumulator> codec() {
    return CODEC;
  }

  private static final StateCodec<LongSumAccumulator> CODEC =
      new StateCodec<>() {
        @Override
        public void encode(LongSumAccumulator value, DataOutput out) throws IOException {
          out.writeLong(value.high);
          out.writeLong(value.low);
          out.writeLong(value.count);
        }

        @Override
        public LongSumAccumulator decode(DataInput in) throws IOException {
          LongSumAccumulator a = new LongSumAccumulator();
          a.high = in.readLong();
          a.low = in.readLong();
          a.count = in.readLong();
          return a;
        }

        @Override
        public String formatId() {
          return "sluice.aggregate.long-sum/1";
        }
      };

  @Override
  public String toString() {
    return "LongSumAccumulator[sum=" + sum() + ", count=" + count + "]";
  }
}
