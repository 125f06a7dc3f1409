package dev.sluice.windowing;

/**
 * One window per key spanning all of time, {@code [Long.MIN_VALUE, Long.MAX_VALUE)}: it fires on
 * time only at the end of input (the final watermark), so it is used with a {@link Trigger} that
 * fires early — every N events, on a predicate, or every interval — and usually in discarding
 * mode.
 *
 * <pre>
 * trigger everyEvents(3), discarding:
 *   x x x | x x x | x     (end of input)
 *        EARLY   EARLY  ON_TIME
 * </pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class GlobalWindows implements WindowAssigner<Object> {
  private static final GlobalWindows INSTANCE = new GlobalWindows();

  private GlobalWindows() {}

  /** The global window assigner. */
  public static GlobalWindows create() {
    return INSTANCE;
  }

  @Override
  public void assignWindows(Object event, long timestamp, WindowCollector windows) {
    windows.window(Long.MIN_VALUE, Long.MAX_VALUE);
  }

  @Override
  public String toString() {
    return "GlobalWindows";
  }
}
