package dev.sluice.core.operator;

/**
 * Timers of a keyed operator, in event time and in processing time.
 *
 * <p>A timer is identified by (key, namespace, time) within its {@link TimeDomain}; registering
 * the same triple twice keeps one timer. The namespace lets one key hold several independent
 * timers for the same time — a window operator uses the window as the namespace; the overloads
 * without one use {@code null}. Timers fire in ascending time order and, for equal times, in
 * registration order, through {@link KeyedOperator#onTimer(Object, Object, long, TimeDomain,
 * Output)}.
 *
 * <p>An event-time timer fires when a watermark at or after its time arrives, before the
 * operator's {@code onWatermark} for that watermark; a watermark that makes many timers due fires
 * them as output room allows, resuming on the next call before any new input is taken, and is
 * forwarded downstream only after the last of them. A processing-time timer fires on the first
 * tasklet call at or after its time; processing-time timers still pending when the input ends do
 * not fire (the final watermark fires every event-time timer).
 *
 * <p>Deleting a timer that is due but has not fired yet (for example from another timer's {@code
 * onTimer} for the same time) removes it: it does not fire.
 *
 * <p><b>Threading:</b> use only from the owning operator's callbacks. <b>Allocation:</b> none to
 * register an existing timer, to delete or to fire; registering a new timer allocates only when
 * the timer heap grows.
 *
 * @param <K> key type
 */
public interface TimerService<K> {

  /** Registers an event-time timer for {@code key} at {@code time}, without a namespace. */
  default void registerEventTimeTimer(K key, long time) {
    registerEventTimeTimer(key, null, time);
  }

  /** Registers an event-time timer for {@code key} in {@code namespace} at {@code time}. */
  void registerEventTimeTimer(K key, Object namespace, long time);

  /** Deletes the event-time timer for {@code key} at {@code time}, if registered. */
  default void deleteEventTimeTimer(K key, long time) {
    deleteEventTimeTimer(key, null, time);
  }

  /** Deletes the event-time timer for {@code key} in {@code namespace} at {@code time}. */
  void deleteEventTimeTimer(K key, Object namespace, long time);

  /** Registers a processing-time timer for {@code key} at wall-clock {@code timeMillis}. */
  default void registerProcessingTimeTimer(K key, long timeMillis) {
    registerProcessingTimeTimer(key, null, timeMillis);
  }

  /** Registers a processing-time timer for {@code key} in {@code namespace}. */
  void registerProcessingTimeTimer(K key, Object namespace, long timeMillis);

  /** Deletes the processing-time timer for {@code key} at {@code timeMillis}, if registered. */
  default void deleteProcessingTimeTimer(K key, long timeMillis) {
    deleteProcessingTimeTimer(key, null, timeMillis);
  }

  /** Deletes the processing-time timer for {@code key} in {@code namespace}. */
  void deleteProcessingTimeTimer(K key, Object namespace, long timeMillis);

  /** The current watermark, or {@code Long.MIN_VALUE} before the first. */
  long currentWatermark();

  /** The engine clock's wall-clock time in milliseconds since the epoch. */
  long currentProcessingTime();

  /** How many timers (both domains) are registered and have not fired. */
  int pendingTimers();
}
