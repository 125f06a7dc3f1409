package dev.sluice.windowing;

import java.util.List;

/**
 * Computes a window's result from all its events, for {@link WindowedStage#process}: the
 * alternative to an incremental aggregate when the result needs every event (a median by
 * sorting, a pattern over the window, a custom report).
 *
 * <p>The window stage keeps the events in managed state (per key and window, with their
 * timestamps) until the window is released, so memory grows with the window's contents; prefer
 * {@link WindowedStage#aggregate} where an aggregate operation exists.
 *
 * <p><b>Threading:</b> shared by the stage's parallel instances; must be thread-safe and must
 * not block. <b>Failure:</b> an exception fails the job, naming the stage.
 *
 * @param <K> key type
 * @param <T> event type
 * @param <R> result type
 */
@FunctionalInterface
public interface WindowFunction<K, T, R> {

  /**
   * The result of one firing, or null to emit nothing.
   *
   * @param key the window's key (null for a non-keyed window)
   * @param window the window's bounds
   * @param kind why it fires
   * @param events the window's events in arrival order, after eviction; a read-only list valid
   *     only during the call
   */
  R apply(K key, TimeWindow window, FiringKind kind, List<T> events) throws Exception;
}
