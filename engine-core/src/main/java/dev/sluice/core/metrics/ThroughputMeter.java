package dev.sluice.core.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns monotonic counts sampled over time into rates, and keeps the last {@code historySize}
 * points for charts.
 *
 * <p><b>Threading:</b> thread-safe (synchronized); meant for the metrics thread, which calls
 * {@link #sample} periodically.
 */
public final class ThroughputMeter {
  private final ThroughputPoint[] ring;
  private int next;
  private int size;
  private long lastTime = Long.MIN_VALUE;
  private long lastEvents;
  private long lastBytes;
  private ThroughputPoint latest = new ThroughputPoint(0, 0, 0);

  /** A meter keeping {@code historySize} points. */
  public ThroughputMeter(int historySize) {
    if (historySize < 1) {
      throw new IllegalArgumentException("historySize must be >= 1, was " + historySize);
    }
    this.ring = new ThroughputPoint[historySize];
  }

  /**
   * Records the counts at {@code timeMillis}; the first call only sets the baseline. Samples
   * closer than one millisecond to the previous are ignored.
   */
  public synchronized ThroughputPoint sample(long timeMillis, long events, long bytes) {
    if (lastTime == Long.MIN_VALUE) {
      lastTime = timeMillis;
      lastEvents = events;
      lastBytes = bytes;
      return latest;
    }
    long dt = timeMillis - lastTime;
    if (dt < 1) {
      return latest;
    }
    latest =
        new ThroughputPoint(
            timeMillis, (events - lastEvents) * 1000.0 / dt, (bytes - lastBytes) * 1000.0 / dt);
    ring[next] = latest;
    next = (next + 1) % ring.length;
    size = Math.min(size + 1, ring.length);
    lastTime = timeMillis;
    lastEvents = events;
    lastBytes = bytes;
    return latest;
  }

  /** The most recent rate (zeros before two samples). */
  public synchronized ThroughputPoint latest() {
    return latest;
  }

  /** The history, oldest first. */
  public synchronized List<ThroughputPoint> history() {
    List<ThroughputPoint> out = new ArrayList<>(size);
    int start = (next - size + ring.length) % ring.length;
    for (int i = 0; i < size; i++) {
      out.add(ring[(start + i) % ring.length]);
    }
    return out;
  }
}
