package dev.sluice.windowing;

import java.time.Duration;
import java.util.Objects;

/**
 * Windows of activity per key, closed by a gap of inactivity: each event opens the proto-window
 * {@code [t, t + gap)}, and windows of a key that overlap or touch merge (their accumulators are
 * combined). A session ends {@code gap} after its last event and fires when the watermark
 * reaches that end.
 *
 * <pre>
 * gap 5:   x  x   x            x  x          (events at 0, 3, 7, 20, 23)
 *          [0 ............ 12)  [20 ..... 28)
 * </pre>
 *
 * <p>An event that arrives late (within the allowed lateness) and bridges two sessions merges
 * them; the merged window fires again (as a {@link FiringKind#LATE} result if one of its parts
 * had already fired on time).
 *
 * <p>Immutable and thread-safe.
 */
public final class SessionWindows implements WindowAssigner<Object> {
  private final long gap;

  private SessionWindows(long gap) {
    if (gap <= 0) {
      throw new IllegalArgumentException("session gap must be > 0 ms, was " + gap);
    }
    this.gap = gap;
  }

  /**
   * Sessions closed by {@code gap} of inactivity.
   *
   * @throws IllegalArgumentException if {@code gap} is not positive (in milliseconds)
   */
  public static SessionWindows withGap(Duration gap) {
    return new SessionWindows(Objects.requireNonNull(gap, "gap").toMillis());
  }

  /** Like {@link #withGap(Duration)}, in milliseconds. */
  public static SessionWindows withGapMillis(long gapMillis) {
    return new SessionWindows(gapMillis);
  }

  /** The gap in milliseconds. */
  public long gapMillis() {
    return gap;
  }

  @Override
  public void assignWindows(Object event, long timestamp, WindowCollector windows) {
    long end = timestamp + gap;
    windows.window(timestamp, end < timestamp ? Long.MAX_VALUE : end);
  }

  @Override
  public boolean isMerging() {
    return true;
  }

  @Override
  public String toString() {
    return "SessionWindows[gap=" + gap + "ms]";
  }
}
