package dev.sluice.windowing.aggregate;

import dev.sluice.core.state.StateCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.HdrHistogram.DoubleHistogram;
import org.HdrHistogram.DoubleHistogramIterationValue;

/**
 * The values of a percentile aggregation: kept exactly up to a limit, then in HdrHistograms.
 *
 * <p><b>Exact mode.</b> While the accumulator holds at most {@link #exactLimit()} values it keeps
 * them all (8 bytes each) and a percentile is the exact nearest-rank value: for percentile
 * {@code p} of {@code n} values, the {@code r}-th smallest with {@code r = max(1, ceil(p * n /
 * 100))} (so {@code p = 0} is the minimum and {@code p = 100} the maximum).
 *
 * <p><b>Histogram mode.</b> When a value (or a combine) would take it past the limit, it moves
 * every value into two HdrHistogram {@link DoubleHistogram}s with 3 significant digits, one for
 * positive values and one for the magnitudes of negative ones, and counts zeros apart; it never
 * returns to exact mode. The rank is still exact (counts are exact), the minimum and maximum are
 * kept exactly (so percentiles 0 and 100 stay exact), and any other percentile is the midpoint of
 * the histogram bucket holding the rank-th value. Buckets are at most 1/1024 of their values
 * wide, so the result is within a relative error of 2<sup>-11</sup> ≈ 0.049% of the exact
 * nearest-rank value; {@link #RELATIVE_ERROR} ({@value #RELATIVE_ERROR}) is the bound the tests
 * check. The result does not depend on how the values were split and combined. A histogram takes
 * from a few KB to about 400 KB depending on the range of the values.
 *
 * <p><b>Accepted values.</b> Every value must be finite; a nonzero magnitude must lie between
 * 2<sup>-700</sup> and 2<sup>700</sup> (about 10<sup>-210</sup> to 10<sup>210</sup>), and all
 * nonzero magnitudes held by one accumulator must lie within a factor of 2<sup>50</sup> (about
 * 1.1·10<sup>15</sup>) of each other: the dynamic range a double HdrHistogram covers at this
 * precision. These rules apply in both modes, so whether a stream is accepted does not depend on
 * the window size. A value breaking them is rejected with an {@link IllegalArgumentException}
 * that names it, before anything changes; scale or round such inputs (e.g. map magnitudes below
 * 10<sup>-9</sup> to 0).
 *
 * <p>There is no deduct: exact values cannot be removed from a histogram.
 *
 * <p><b>Threading:</b> not thread-safe. <b>Allocation:</b> adding grows an array in exact mode
 * (amortized, no boxing) and nothing in histogram mode, except when a new value extends the
 * histogram's range; switching to histogram mode allocates the histograms; reading a percentile
 * sorts the exact values in place the first time after they changed, and allocates an iterator
 * in histogram mode.
 */
public final class PercentileAccumulator {

  /** The default number of values kept exactly before switching to histograms: {@value}. */
  public static final int DEFAULT_EXACT_LIMIT = 10_000;

  /** The largest exact limit accepted: {@value}. */
  public static final int MAX_EXACT_LIMIT = 1 << 24;

  /** The bound on the relative error of a percentile in histogram mode: {@value}. */
  public static final double RELATIVE_ERROR = 5e-4;

  /** The largest ratio between two nonzero magnitudes held by one accumulator: 2<sup>50</sup>. */
  public static final double MAX_MAGNITUDE_RATIO = 0x1p50;

  /** The smallest nonzero magnitude accepted: 2<sup>-700</sup>. */
  public static final double MIN_MAGNITUDE = 0x1p-700;

  /** The largest magnitude accepted: 2<sup>700</sup>. */
  public static final double MAX_MAGNITUDE = 0x1p700;

  private static final int SIGNIFICANT_DIGITS = 3;

  private final int exactLimit;
  private long count;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;
  private double minMagnitude = Double.POSITIVE_INFINITY; // smallest nonzero |x|
  private double maxMagnitude; // largest |x|

  // exact mode (values != null): the first `count` entries
  private double[] values;
  private boolean sorted = true;

  // histogram mode (values == null): created when a value of that sign arrives
  private DoubleHistogram positives;
  private DoubleHistogram negatives;
  private long zeros;

  /** Creates an empty accumulator with the {@linkplain #DEFAULT_EXACT_LIMIT default limit}. */
  public PercentileAccumulator() {
    this(DEFAULT_EXACT_LIMIT);
  }

  /**
   * Creates an empty accumulator that keeps up to {@code exactLimit} values exactly.
   *
   * @throws IllegalArgumentException if {@code exactLimit} is outside 0..{@link #MAX_EXACT_LIMIT}
   */
  public PercentileAccumulator(int exactLimit) {
    this.exactLimit = checkExactLimit(exactLimit);
    this.values = new double[Math.min(exactLimit, 16)];
  }

  static int checkExactLimit(int exactLimit) {
    if (exactLimit < 0 || exactLimit > MAX_EXACT_LIMIT) {
      throw new IllegalArgumentException(
          "exactLimit must be in 0.." + MAX_EXACT_LIMIT + ", was " + exactLimit);
    }
    return exactLimit;
  }

  /** How many values are kept exactly before switching to histograms. */
  public int exactLimit() {
    return exactLimit;
  }

  /** How many values were added. */
  public long count() {
    return count;
  }

  /** True while the values are kept exactly. */
  public boolean isExact() {
    return values != null;
  }

  /** The smallest value, or NaN if empty. */
  public double min() {
    return count == 0 ? Double.NaN : min;
  }

  /** The greatest value, or NaN if empty. */
  public double max() {
    return count == 0 ? Double.NaN : max;
  }

  /**
   * Adds {@code x}.
   *
   * @throws IllegalArgumentException if {@code x} is not finite or outside the accepted magnitudes
   *     (see the class comment); the accumulator is unchanged
   */
  public void add(double x) {
    double magnitude = Math.abs(x);
    if (!(magnitude <= MAX_MAGNITUDE) || (magnitude != 0 && magnitude < MIN_MAGNITUDE)) {
      throw new IllegalArgumentException(
          "percentile input "
              + x
              + " is not accepted: values must be finite and 0 or of magnitude 2^-700..2^700");
    }
    if (magnitude != 0) {
      double newMin = Math.min(minMagnitude, magnitude);
      double newMax = Math.max(maxMagnitude, magnitude);
      if (newMax > newMin * MAX_MAGNITUDE_RATIO) {
        throw new IllegalArgumentException(
            "percentile input "
                + x
                + " is out of range: the nonzero magnitudes of one window or key must lie within a"
                + " factor of 2^50 (about 1.1e15) of each other, and this accumulator already holds"
                + " magnitudes "
                + minMagnitude
                + ".."
                + maxMagnitude);
      }
    }
    if (values != null && count >= exactLimit) {
      toHistograms();
    }
    if (values != null) {
      if (count == values.length) {
        values = Arrays.copyOf(values, (int) Math.min(exactLimit, Math.max(16, 2 * count)));
      }
      values[(int) count] = x;
      if (sorted && count > 0 && Double.compare(values[(int) count - 1], x) > 0) {
        sorted = false;
      }
    } else {
      record(x, 1);
    }
    noteValue(x, magnitude);
    count++;
  }

  private void noteValue(double x, double magnitude) {
    min = Math.min(min, x);
    max = Math.max(max, x);
    if (magnitude != 0) {
      minMagnitude = Math.min(minMagnitude, magnitude);
      maxMagnitude = Math.max(maxMagnitude, magnitude);
    }
  }

  /**
   * Adds every value of {@code other}, which is not modified.
   *
   * @throws IllegalArgumentException if the union of both accumulators' magnitudes spans more than
   *     {@link #MAX_MAGNITUDE_RATIO}; this accumulator is unchanged
   */
  public void combine(PercentileAccumulator other) {
    if (other.count == 0) {
      return;
    }
    if (other.maxMagnitude != 0) {
      double newMin = Math.min(minMagnitude, other.minMagnitude);
      double newMax = Math.max(maxMagnitude, other.maxMagnitude);
      if (newMax > newMin * MAX_MAGNITUDE_RATIO) {
        throw new IllegalArgumentException(
            "cannot combine percentile accumulators holding magnitudes "
                + minMagnitude
                + ".."
                + maxMagnitude
                + " and "
                + other.minMagnitude
                + ".."
                + other.maxMagnitude
                + ": together they span more than a factor of 2^50 (about 1.1e15)");
      }
    }
    if (values != null && other.values != null && count + other.count <= exactLimit) {
      int n = (int) count;
      int m = (int) other.count;
      if (n + m > values.length) {
        values = Arrays.copyOf(values, Math.min(exactLimit, Math.max(n + m, 2 * n)));
      }
      System.arraycopy(other.values, 0, values, n, m);
      sorted = false;
    } else {
      if (values != null) {
        toHistograms();
      }
      if (other.values != null) {
        for (int i = 0; i < other.count; i++) {
          record(other.values[i], 1);
        }
      } else {
        zeros += other.zeros;
        if (other.positives != null) {
          positives().add(other.positives);
        }
        if (other.negatives != null) {
          negatives().add(other.negatives);
        }
      }
    }
    count += other.count;
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
    minMagnitude = Math.min(minMagnitude, other.minMagnitude);
    maxMagnitude = Math.max(maxMagnitude, other.maxMagnitude);
  }

  private void toHistograms() {
    double[] exact = values;
    int n = (int) count;
    values = null;
    for (int i = 0; i < n; i++) {
      record(exact[i], 1);
    }
  }

  private void record(double x, long times) {
    if (x > 0) {
      positives().recordValueWithCount(x, times);
    } else if (x < 0) {
      negatives().recordValueWithCount(-x, times);
    } else {
      zeros += times;
    }
  }

  private DoubleHistogram positives() {
    if (positives == null) {
      positives = new DoubleHistogram(SIGNIFICANT_DIGITS);
    }
    return positives;
  }

  private DoubleHistogram negatives() {
    if (negatives == null) {
      negatives = new DoubleHistogram(SIGNIFICANT_DIGITS);
    }
    return negatives;
  }

  /**
   * The nearest-rank value at percentile {@code p} (exact in exact mode, within {@link
   * #RELATIVE_ERROR} in histogram mode), or NaN if empty.
   *
   * @param p the percentile, 0..100
   * @throws IllegalArgumentException if {@code p} is outside 0..100 or NaN
   */
  public double percentile(double p) {
    double[] out = new double[1];
    percentiles(new double[] {p}, out);
    return out[0];
  }

  /**
   * Writes into {@code out[i]} the value at percentile {@code percentiles[i]}, as {@link
   * #percentile} computes it, reading each histogram once for all of them.
   *
   * @throws IllegalArgumentException if a percentile is outside 0..100 or NaN, or {@code out} is
   *     shorter than {@code percentiles}
   */
  public void percentiles(double[] percentiles, double[] out) {
    int n = percentiles.length;
    if (out.length < n) {
      throw new IllegalArgumentException(n + " percentiles but room for " + out.length + " values");
    }
    for (double p : percentiles) {
      checkPercentile(p);
    }
    if (count == 0) {
      Arrays.fill(out, 0, n, Double.NaN);
      return;
    }
    if (values != null && !sorted) {
      Arrays.sort(values, 0, (int) count);
      sorted = true;
    }
    long negativeCount = negatives == null ? 0 : negatives.getTotalCount();
    Requests negative = new Requests(n);
    Requests positive = new Requests(n);
    for (int i = 0; i < n; i++) {
      long rank = rank(percentiles[i], count);
      if (rank == 1) {
        out[i] = min;
      } else if (rank == count) {
        out[i] = max;
      } else if (values != null) {
        out[i] = values[(int) rank - 1];
      } else if (rank <= negativeCount) {
        negative.add(negativeCount - rank + 1, i);
      } else if (rank <= negativeCount + zeros) {
        out[i] = 0;
      } else {
        positive.add(rank - negativeCount - zeros, i);
      }
    }
    negative.resolve(negatives, -1, out);
    positive.resolve(positives, 1, out);
    for (int i = 0; i < n; i++) {
      out[i] = Math.max(min, Math.min(max, out[i]));
    }
  }

  /** Ranks to look up in one histogram, and where each result goes. */
  private static final class Requests {
    final long[] ranks;
    final int[] targets;
    int size;

    Requests(int capacity) {
      ranks = new long[capacity];
      targets = new int[capacity];
    }

    /** Adds a request for the {@code k}-th smallest (1-based), kept sorted by {@code k}. */
    void add(long k, int target) {
      int i = size++;
      while (i > 0 && ranks[i - 1] > k) {
        ranks[i] = ranks[i - 1];
        targets[i] = targets[i - 1];
        i--;
      }
      ranks[i] = k;
      targets[i] = target;
    }

    /**
     * Writes {@code sign} times the midpoint of the bucket holding each requested rank of {@code
     * h}, in one pass over its recorded values.
     */
    void resolve(DoubleHistogram h, int sign, double[] out) {
      if (size == 0) {
        return;
      }
      int next = 0;
      long seen = 0;
      for (DoubleHistogramIterationValue v : h.recordedValues()) {
        seen += v.getCountAtValueIteratedTo();
        if (ranks[next] > seen) {
          continue;
        }
        // The iteration reports the bucket's highest value in the histogram's integer space,
        // whose conversion to double may round up onto the next bucket's lowest value: probe a
        // point safely inside the bucket (below its top by less than half its width of at least
        // top / 2048), then take the midpoint of the bucket's range in double space.
        long top = v.getIntegerHistogramIterationValue().getValueIteratedTo();
        double probe = (top - (top >>> 12)) * h.getIntegerToDoubleValueConversionRatio();
        double low = h.lowestEquivalentValue(probe);
        double high = h.nextNonEquivalentValue(probe);
        double midpoint = low + (high - low) / 2;
        while (next < size && ranks[next] <= seen) {
          out[targets[next++]] = sign * midpoint;
        }
        if (next == size) {
          return;
        }
      }
      throw new IllegalStateException(
          "histogram holds " + seen + " values, fewer than rank " + ranks[next]);
    }
  }

  static void checkPercentile(double p) {
    if (!(p >= 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile must be in 0..100, was " + p);
    }
  }

  /** The 1-based nearest rank of percentile {@code p} among {@code n} values. */
  static long rank(double p, long n) {
    return Math.max(1, (long) Math.ceil(p * n / 100.0));
  }

  /** Writes the limit, the exact values or the histograms (HdrHistogram's own encoding). */
  public static StateCodec<PercentileAccumulator> codec() {
    return CODEC;
  }

  private static final StateCodec<PercentileAccumulator> CODEC =
      new StateCodec<>() {
        @Override
        public void encode(PercentileAccumulator a, DataOutput out) throws IOException {
          out.writeInt(a.exactLimit);
          out.writeLong(a.count);
          out.writeLong(Double.doubleToRawLongBits(a.min));
          out.writeLong(Double.doubleToRawLongBits(a.max));
          out.writeLong(Double.doubleToRawLongBits(a.minMagnitude));
          out.writeLong(Double.doubleToRawLongBits(a.maxMagnitude));
          out.writeBoolean(a.values != null);
          if (a.values != null) {
            for (int i = 0; i < a.count; i++) {
              out.writeLong(Double.doubleToRawLongBits(a.values[i]));
            }
          } else {
            out.writeLong(a.zeros);
            writeHistogram(a.positives, out);
            writeHistogram(a.negatives, out);
          }
        }

        @Override
        public PercentileAccumulator decode(DataInput in) throws IOException {
          PercentileAccumulator a = new PercentileAccumulator(readLimit(in));
          a.count = in.readLong();
          a.min = Double.longBitsToDouble(in.readLong());
          a.max = Double.longBitsToDouble(in.readLong());
          a.minMagnitude = Double.longBitsToDouble(in.readLong());
          a.maxMagnitude = Double.longBitsToDouble(in.readLong());
          if (in.readBoolean()) {
            if (a.count < 0 || a.count > a.exactLimit) {
              throw new IOException(
                  "corrupt percentile accumulator: " + a.count + " exact values, limit " + a.exactLimit);
            }
            a.values = new double[(int) Math.max(a.count, Math.min(a.exactLimit, 16))];
            for (int i = 0; i < a.count; i++) {
              a.values[i] = Double.longBitsToDouble(in.readLong());
            }
            a.sorted = false;
          } else {
            a.values = null;
            a.zeros = in.readLong();
            a.positives = readHistogram(in);
            a.negatives = readHistogram(in);
          }
          return a;
        }

        @Override
        public String formatId() {
          return "sluice.aggregate.percentiles/1";
        }
      };

  private static int readLimit(DataInput in) throws IOException {
    int limit = in.readInt();
    if (limit < 0 || limit > MAX_EXACT_LIMIT) {
      throw new IOException("corrupt percentile accumulator: exact limit " + limit);
    }
    return limit;
  }

  private static void writeHistogram(DoubleHistogram h, DataOutput out) throws IOException {
    if (h == null) {
      out.writeInt(-1);
      return;
    }
    ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
    int length = h.encodeIntoByteBuffer(buffer);
    out.writeInt(length);
    out.write(buffer.array(), 0, length);
  }

  private static DoubleHistogram readHistogram(DataInput in) throws IOException {
    int length = in.readInt();
    if (length == -1) {
      return null;
    }
    if (length < 0) {
      throw new IOException("corrupt percentile accumulator: histogram of " + length + " bytes");
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    try {
      DoubleHistogram h = DoubleHistogram.decodeFromByteBuffer(ByteBuffer.wrap(bytes), 0);
      h.setAutoResize(true);
      return h;
    } catch (RuntimeException e) {
      throw new IOException("corrupt percentile accumulator: bad histogram encoding", e);
    }
  }

  @Override
  public String toString() {
    return "PercentileAccumulator[count="
        + count
        + (values != null ? ", exact" : ", histogram")
        + ", min="
        + min()
        + ", max="
        + max()
        + "]";
  }
}
