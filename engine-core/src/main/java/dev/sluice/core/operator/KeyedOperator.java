package dev.sluice.core.operator;

/**
 * An operator over a key-partitioned stream: every event arrives with its key, state is kept
 * per key ({@link KeyedOperatorContext#state}), and event-time timers fire per key.
 *
 * <p>All events of one key reach the same instance, so results per key are the same at every
 * parallelism. Timers registered for a time {@code t} fire, in time order, when a watermark
 * {@code >= t} arrives, before {@link #onWatermark} is called for it.
 *
 * <p><b>Threading</b> and <b>failure</b> as for {@link Operator}.
 *
 * @param <K> key type
 * @param <I> input type
 * @param <O> output type
 */
public interface KeyedOperator<K, I, O> {

  /** Called once before any event, on the thread that will run the operator. */
  default void open(KeyedOperatorContext<K> context) throws Exception {}

  /** Processes one event of {@code key}. */
  void onEvent(K key, I event, long timestamp, Output<O> output) throws Exception;

  /** An event-time timer registered for {@code key} at {@code time} fired. */
  default void onTimer(K key, long time, Output<O> output) throws Exception {}

  /** Event time has advanced to {@code watermark} (after due timers fired). */
  default void onWatermark(long watermark, Output<O> output) throws Exception {}

  /** The input has ended, after the final watermark fired every timer. */
  default void onEnd(Output<O> output) throws Exception {}

  /** Called once when the job ends for any reason. */
  default void close() throws Exception {}
}
