package dev.sluice.core.metrics;

import org.HdrHistogram.Histogram;

/**
 * Latency percentiles of an interval, in nanoseconds.
 *
 * @param count values recorded
 * @param minNanos smallest
 * @param meanNanos mean
 * @param p50Nanos median
 * @param p90Nanos 90th percentile
 * @param p99Nanos 99th percentile
 * @param p999Nanos 99.9th percentile
 * @param maxNanos largest
 */
public record LatencySnapshot(
    long count,
    long minNanos,
    double meanNanos,
    long p50Nanos,
    long p90Nanos,
    long p99Nanos,
    long p999Nanos,
    long maxNanos) {

  /** No values. */
  public static final LatencySnapshot EMPTY = new LatencySnapshot(0, 0, 0, 0, 0, 0, 0, 0);

  /** The snapshot of {@code h}. */
  static LatencySnapshot of(Histogram h) {
    if (h.getTotalCount() == 0) {
      return EMPTY;
    }
    return new LatencySnapshot(
        h.getTotalCount(),
        h.getMinValue(),
        h.getMean(),
        h.getValueAtPercentile(50),
        h.getValueAtPercentile(90),
        h.getValueAtPercentile(99),
        h.getValueAtPercentile(99.9),
        h.getMaxValue());
  }
}
