package dev.sluice.windowing;

/**
 * The bounds of a window, {@code [start, end)}: event-time milliseconds for time windows, event
 * ordinals for count windows. The window operator also uses it as the namespace of a window's
 * managed state and timers.
 *
 * <p>Immutable and thread-safe.
 *
 * @param start first instant, inclusive
 * @param end end, exclusive; greater than {@code start}
 */
public record TimeWindow(long start, long end) {

  /**
   * Validates the bounds.
   *
   * @throws IllegalArgumentException if {@code end <= start}
   */
  public TimeWindow {
    if (end <= start) {
      throw new IllegalArgumentException(
          "a window must end after it starts: [" + start + ", " + end + ")");
    }
  }

  /**
   * The codec that writes a window into snapshots as two longs (format id {@code
   * sluice.windowing.TimeWindow/1}), for plug-ins that keep state namespaced by window (window
   * joins, users' own operators). Stateless and thread-safe; reading a window whose end is not
   * after its start throws {@link java.io.IOException}.
   */
  public static dev.sluice.core.state.StateCodec<TimeWindow> codec() {
    return dev.sluice.windowing.internal.TimeWindowCodec.INSTANCE;
  }

  /** The window's last instant, {@code end - 1}: when the watermark reaches it, it fires. */
  public long maxTimestamp() {
    return end - 1;
  }

  /** True if {@code timestamp} lies in {@code [start, end)}. */
  public boolean contains(long timestamp) {
    return timestamp >= start && timestamp < end;
  }

  @Override
  public int hashCode() {
    long h = start * 0x9E3779B97F4A7C15L + end;
    return (int) (h ^ (h >>> 32));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TimeWindow w && w.start == start && w.end == end;
  }

  @Override
  public String toString() {
    return "[" + start + ", " + end + ")";
  }
}
