package dev.sluice.windowing;

/**
 * One result of a window: the key, the window's bounds, the value and why it fired.
 *
 * <p>Time windows span {@code [start, end)} in event-time milliseconds; the result is emitted
 * with the event time {@code end - 1} (the window's last instant), like Flink. Count windows
 * span {@code [start, end)} in event ordinals of the key (the key's first event is 0) and are
 * emitted with the timestamp of the event that completed them. Results of a non-keyed window
 * ({@code windowAll}) have a null key.
 *
 * <p>Immutable if the value is.
 *
 * @param key the window's key, or null for a non-keyed window
 * @param start the window's first instant (inclusive)
 * @param end the window's end (exclusive)
 * @param value the aggregate or the window function's result
 * @param kind early, on time or late
 * @param <K> key type
 * @param <R> value type
 */
public record WindowResult<K, R>(K key, long start, long end, R value, FiringKind kind) {

  /** The window's bounds as a {@link TimeWindow}. Allocates. */
  public TimeWindow window() {
    return new TimeWindow(start, end);
  }
}
