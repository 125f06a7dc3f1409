package dev.sluice.windowing;

/**
 * Receives the windows a {@link WindowAssigner} assigns an event to, one call per window, so
 * that assigning allocates nothing.
 *
 * <p><b>Threading:</b> call only from inside {@link WindowAssigner#assignWindows}.
 */
@FunctionalInterface
public interface WindowCollector {

  /**
   * The event belongs to the window {@code [start, end)}.
   *
   * @throws IllegalArgumentException if {@code end <= start}
   */
  void window(long start, long end);
}
