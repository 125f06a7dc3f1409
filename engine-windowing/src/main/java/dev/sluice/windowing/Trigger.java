package dev.sluice.windowing;

import java.util.Objects;

/**
 * When a window fires <em>before</em> the watermark reaches its end: the early firings. Every
 * window also fires on time (when the watermark reaches {@code end - 1}) and once per late event
 * within the allowed lateness; a trigger only adds early firings, which produce {@link
 * FiringKind#EARLY} results.
 *
 * <p>A trigger is <b>stateless</b>: it decides from what the window stage tells it — the event,
 * the window and how many events the window received since its last firing ({@code
 * pendingEvents}). The stage keeps that count, and the timers a trigger asks for, in managed
 * state. An early firing happens only when the window has received events since its last firing,
 * so a trigger never repeats a result.
 *
 * <p>{@link Triggers} has the built-in ones; combine them with {@link #or(Trigger)}. Early
 * firings apply to keyed windows, to count-free time windows of any assigner, and to {@link
 * GlobalWindows}, which fire on time only at the end of input.
 *
 * <p><b>Threading:</b> immutable and thread-safe; one instance serves every parallel instance.
 * <b>Allocation:</b> the methods are called per event or per firing and should allocate nothing.
 *
 * @param <T> the event type
 */
public interface Trigger<T> {

  /** Returned by {@link #nextEarlyEventTime} when no early event-time firing is wanted. */
  long NO_TIME = Long.MAX_VALUE;

  /**
   * Called after {@code event} was added to a window that has not fired on time yet: true fires
   * the window now (an early firing). The default returns false.
   *
   * @param event the event just added
   * @param timestamp its event time
   * @param window the window it was added to
   * @param pendingEvents events added to the window since its last firing, this one included
   */
  default boolean fireOnEvent(T event, long timestamp, TimeWindow window, long pendingEvents) {
    return false;
  }

  /**
   * The event time of the next early firing of {@code window} strictly after {@code watermark},
   * asked when the window receives its first event since its last firing; {@link #NO_TIME} (the
   * default) for none. The window fires early when the watermark reaches the returned time, if
   * that is before {@code window.maxTimestamp()}.
   */
  default long nextEarlyEventTime(TimeWindow window, long watermark) {
    return NO_TIME;
  }

  /**
   * Processing time, in milliseconds, after a window's first event since its last firing at
   * which it fires early; 0 (the default) for none. Processing-time firings depend on the wall
   * clock and are not reproducible.
   */
  default long earlyProcessingDelayMillis() {
    return 0;
  }

  /**
   * A trigger that fires when this one or {@code other} would: fires on an event if either
   * does, at the earlier of the two event times, after the shorter positive processing delay.
   */
  default Trigger<T> or(Trigger<? super T> other) {
    Objects.requireNonNull(other, "other");
    Trigger<T> self = this;
    return new Trigger<>() {
      @Override
      public boolean fireOnEvent(T event, long timestamp, TimeWindow window, long pendingEvents) {
        return self.fireOnEvent(event, timestamp, window, pendingEvents)
            || other.fireOnEvent(event, timestamp, window, pendingEvents);
      }

      @Override
      public long nextEarlyEventTime(TimeWindow window, long watermark) {
        return Math.min(
            self.nextEarlyEventTime(window, watermark),
            other.nextEarlyEventTime(window, watermark));
      }

      @Override
      public long earlyProcessingDelayMillis() {
        long a = self.earlyProcessingDelayMillis();
        long b = other.earlyProcessingDelayMillis();
        return a <= 0 ? b : b <= 0 ? a : Math.min(a, b);
      }

      @Override
      public String toString() {
        return self + ".or(" + other + ")";
      }
    };
  }
}
