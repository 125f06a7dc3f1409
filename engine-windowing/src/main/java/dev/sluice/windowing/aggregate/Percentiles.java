package dev.sluice.windowing.aggregate;

import java.util.Arrays;

/**
 * The result of {@link Aggregations#percentiles}: for each requested percentile, its value, plus
 * how many values they were computed over and whether they are exact.
 *
 * <p>Immutable and thread-safe. Two results are equal when they hold the same percentiles, values
 * (compared as {@link Double#compare} does), count and exactness.
 */
public final class Percentiles {
  private final double[] percentiles;
  private final double[] values;
  private final long count;
  private final boolean exact;

  /**
   * Creates a result; the arrays are copied.
   *
   * @param percentiles the requested percentiles, each in 0..100
   * @param values the value at each percentile (NaN when {@code count} is 0)
   * @param count how many values the percentiles were computed over
   * @param exact whether the values are exact (else within {@link
   *     PercentileAccumulator#RELATIVE_ERROR})
   * @throws IllegalArgumentException if the arrays differ in length or a percentile is outside
   *     0..100
   */
  public Percentiles(double[] percentiles, double[] values, long count, boolean exact) {
    if (percentiles.length != values.length) {
      throw new IllegalArgumentException(
          percentiles.length + " percentiles but " + values.length + " values");
    }
    for (double p : percentiles) {
      PercentileAccumulator.checkPercentile(p);
    }
    this.percentiles = percentiles.clone();
    this.values = values.clone();
    this.count = count;
    this.exact = exact;
  }

  /** How many percentiles this result holds. */
  public int size() {
    return percentiles.length;
  }

  /** The {@code i}-th requested percentile (in the order they were requested). */
  public double percentile(int i) {
    return percentiles[i];
  }

  /** The value at the {@code i}-th requested percentile. */
  public double value(int i) {
    return values[i];
  }

  /**
   * The value at percentile {@code p}, which must be one of those requested.
   *
   * @throws IllegalArgumentException if {@code p} was not requested
   */
  public double valueAt(double p) {
    for (int i = 0; i < percentiles.length; i++) {
      if (Double.compare(percentiles[i], p) == 0) {
        return values[i];
      }
    }
    throw new IllegalArgumentException(
        "percentile " + p + " was not requested; requested: " + Arrays.toString(percentiles));
  }

  /** The requested percentiles (a copy). */
  public double[] percentiles() {
    return percentiles.clone();
  }

  /** The values, in the order of {@link #percentiles()} (a copy). */
  public double[] values() {
    return values.clone();
  }

  /** How many values the percentiles were computed over. */
  public long count() {
    return count;
  }

  /** True if the values are exact nearest-rank values, false if they come from histograms. */
  public boolean isExact() {
    return exact;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Percentiles other
        && count == other.count
        && exact == other.exact
        && Arrays.equals(percentiles, other.percentiles)
        && Arrays.equals(values, other.values);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(percentiles) + Arrays.hashCode(values))
        + Long.hashCode(count)
        + (exact ? 1 : 0);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("Percentiles{");
    for (int i = 0; i < percentiles.length; i++) {
      if (i > 0) {
        b.append(", ");
      }
      b.append('p').append(percentiles[i]).append('=').append(values[i]);
    }
    return b.append(", count=").append(count).append(exact ? ", exact}" : ", approximate}").toString();
  }
}
