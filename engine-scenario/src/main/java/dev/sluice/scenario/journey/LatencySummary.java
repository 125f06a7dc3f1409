package dev.sluice.scenario.journey;

import java.util.Locale;

/**
 * Percentiles of one latency distribution, in milliseconds, read from an HdrHistogram with three
 * significant digits (so each value is exact to 0.1 %). Immutable.
 *
 * @param count values recorded
 * @param meanMillis mean
 * @param p50Millis median
 * @param p90Millis 90th percentile
 * @param p99Millis 99th percentile
 * @param p999Millis 99.9th percentile
 * @param maxMillis largest
 */
public record LatencySummary(
    long count,
    double meanMillis,
    double p50Millis,
    double p90Millis,
    double p99Millis,
    double p999Millis,
    double maxMillis) {

  /** No values. */
  public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0);

  /** One line, e.g. {@code n=100 p50 1.20 ms p90 2.00 ms p99 5.10 ms p99.9 9.00 ms max 9.20 ms}. */
  public String describe() {
    return String.format(Locale.ROOT,
        "n=%d mean %.2f ms p50 %.2f ms p90 %.2f ms p99 %.2f ms p99.9 %.2f ms max %.2f ms",
        count, meanMillis, p50Millis, p90Millis, p99Millis, p999Millis, maxMillis);
  }
}
