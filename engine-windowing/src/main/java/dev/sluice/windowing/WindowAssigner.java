package dev.sluice.windowing;

/**
 * Decides which windows an event belongs to: the SPI behind {@link TumblingWindows}, {@link
 * SlidingWindows}, {@link SessionWindows} and {@link GlobalWindows}, and the way to write your
 * own (calendar months, windows defined by the event itself, ...).
 *
 * <p>Windows are {@code [start, end)} intervals of event time. A window fires on time when the
 * watermark reaches {@code end - 1}; its state is kept for the allowed lateness after that and
 * then released. An event all of whose windows were released is late: it goes to the window
 * stage's late side output.
 *
 * <p>A <b>merging</b> assigner ({@link #isMerging()}) gives each event a proto-window; windows of
 * one key that overlap or touch ({@code a.start <= b.end && b.start <= a.end}) merge into the
 * window covering both, combining their accumulators: this is how session windows work.
 *
 * <p><b>Threading:</b> implementations are immutable and thread-safe: one instance serves every
 * parallel instance of the stage. <b>Allocation:</b> {@link #assignWindows} should allocate
 * nothing; it reports windows through the collector. <b>Failure:</b> an exception thrown by
 * {@link #assignWindows} is a failure of the event, handled by the window stage's error policy.
 *
 * @param <T> the event type
 */
public interface WindowAssigner<T> {

  /**
   * Reports every window {@code event} (with event time {@code timestamp}) belongs to, by calling
   * {@code windows.window(start, end)} once per window; zero calls drop the event (it is then
   * counted as late).
   */
  void assignWindows(T event, long timestamp, WindowCollector windows);

  /** True if the windows of a key merge when they overlap or touch (session windows). */
  default boolean isMerging() {
    return false;
  }
}
