package dev.sluice.core.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Records latencies with HdrHistogram (3 significant digits, auto-resizing: a recorder starts
 * small and grows only to the range it sees) and hands out interval snapshots.
 *
 * <p><b>Threading:</b> any number of threads may {@link #record} concurrently and wait-free;
 * {@link #intervalSnapshot()} and {@link #cumulativeSnapshot()} are for one reader thread at a
 * time (HdrHistogram's {@code Recorder} swaps interval histograms under a writer-reader phaser, so
 * a reader never sees a torn histogram and writers never wait). <b>Allocation:</b> recording
 * allocates nothing once the histogram covers the values seen (it grows, rarely, when a larger
 * value arrives); a value above one hour is clamped to one hour.
 */
public final class LatencyRecorder {
  private static final long HIGHEST = 3_600_000_000_000L;

  private final Recorder recorder = new Recorder(3);
  private final Histogram cumulative = new Histogram(3);
  private Histogram interval;

  /** Creates an empty recorder. */
  public LatencyRecorder() {}

  /** Records one latency. Negative values count as zero. */
  public void record(long nanos) {
    recorder.recordValue(nanos < 0 ? 0 : Math.min(nanos, HIGHEST));
  }

  /** The latencies recorded since the previous interval snapshot (reader thread only). */
  public synchronized LatencySnapshot intervalSnapshot() {
    interval = recorder.getIntervalHistogram(interval);
    cumulative.add(interval);
    return LatencySnapshot.of(interval);
  }

  /**
   * The value at {@code percentile} (0–100) of every latency recorded up to the last interval
   * snapshot; 0 if none.
   */
  public synchronized long cumulativeValueAt(double percentile) {
    return cumulative.getTotalCount() == 0 ? 0 : cumulative.getValueAtPercentile(percentile);
  }

  /** Every latency recorded up to the last interval snapshot (reader thread only). */
  public synchronized LatencySnapshot cumulativeSnapshot() {
    return LatencySnapshot.of(cumulative);
  }
}
