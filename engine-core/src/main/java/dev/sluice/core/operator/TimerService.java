package dev.sluice.core.operator;

/**
 * Event-time timers of a keyed operator.
 *
 * <p>A timer is identified by key and time; registering the same pair twice keeps one timer. A
 * timer fires when a watermark at or after its time arrives; timers fire in ascending time
 * order, and for equal times in registration order.
 *
 * <p><b>Threading:</b> use only from the owning operator's callbacks. <b>Allocation:</b>
 * registering a new (key, time) pair allocates.
 *
 * @param <K> key type
 */
public interface TimerService<K> {

  /** Registers a timer for {@code key} at event time {@code time}. */
  void registerEventTimeTimer(K key, long time);

  /** Deletes the timer for {@code key} at {@code time}, if registered. */
  void deleteEventTimeTimer(K key, long time);

  /** The current watermark, or {@code Long.MIN_VALUE} before the first. */
  long currentWatermark();

  /** How many timers are registered and have not fired. */
  int pendingTimers();
}
