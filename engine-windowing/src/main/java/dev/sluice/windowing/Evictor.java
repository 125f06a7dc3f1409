package dev.sluice.windowing;

import java.time.Duration;
import java.util.Objects;

/**
 * Removes events from a window's buffer before the window function of {@link
 * WindowedStage#process(WindowFunction)} sees them (Flink's evict-before). What is evicted is
 * gone from the window's state: a later firing of the same window does not see it again.
 *
 * <ul>
 *   <li>{@link #count(int)} keeps the last {@code n} events, in arrival order;
 *   <li>{@link #time(Duration)} keeps the events whose timestamp is at least the window's
 *       highest timestamp minus the duration.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class Evictor {
  private final int count;
  private final long timeMillis;

  private Evictor(int count, long timeMillis) {
    this.count = count;
    this.timeMillis = timeMillis;
  }

  /**
   * Keeps only the last {@code n} events of the window.
   *
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public static Evictor count(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("a count evictor keeps n >= 1 events, was " + n);
    }
    return new Evictor(n, -1);
  }

  /**
   * Keeps only events with a timestamp at least {@code max - keep}, where {@code max} is the
   * highest timestamp in the window.
   *
   * @throws IllegalArgumentException if {@code keep} is negative
   */
  public static Evictor time(Duration keep) {
    long ms = Objects.requireNonNull(keep, "keep").toMillis();
    if (ms < 0) {
      throw new IllegalArgumentException("a time evictor keeps >= 0 ms, was " + ms);
    }
    return new Evictor(-1, ms);
  }

  /** For a count evictor, how many events it keeps; else -1. */
  public int keepCount() {
    return count;
  }

  /** For a time evictor, the span of event time it keeps in milliseconds; else -1. */
  public long keepMillis() {
    return timeMillis;
  }

  @Override
  public String toString() {
    return count > 0 ? "Evictor.count(" + count + ")" : "Evictor.time(" + timeMillis + "ms)";
  }
}
