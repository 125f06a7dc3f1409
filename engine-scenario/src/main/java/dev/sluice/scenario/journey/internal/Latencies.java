package dev.sluice.scenario.journey.internal;

import dev.sluice.scenario.journey.LatencySummary;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A latency distribution recorded by any number of threads (HdrHistogram {@link Recorder}:
 * wait-free writers, auto-resizing, 3 significant digits); read once at the end of a run.
 */
public final class Latencies {
  private static final long HIGHEST_NANOS = 3_600_000_000_000L;
  private final Recorder recorder = new Recorder(3);
  private final Histogram total = new Histogram(3);

  /** Records one latency; negative counts as zero, above one hour as one hour. */
  public void record(long nanos) {
    recorder.recordValue(nanos < 0 ? 0 : Math.min(nanos, HIGHEST_NANOS));
  }

  /** Everything recorded so far (one reader thread at a time). */
  public synchronized LatencySummary summary() {
    total.add(recorder.getIntervalHistogram());
    if (total.getTotalCount() == 0) {
      return LatencySummary.EMPTY;
    }
    return new LatencySummary(
        total.getTotalCount(),
        total.getMean() / 1e6,
        total.getValueAtPercentile(50) / 1e6,
        total.getValueAtPercentile(90) / 1e6,
        total.getValueAtPercentile(99) / 1e6,
        total.getValueAtPercentile(99.9) / 1e6,
        total.getMaxValue() / 1e6);
  }
}
