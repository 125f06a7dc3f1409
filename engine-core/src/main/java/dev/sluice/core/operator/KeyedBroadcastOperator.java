package dev.sluice.core.operator;

/**
 * A {@link BroadcastOperator} over a keyed data input, added with {@code
 * keyed.withBroadcast(rules).process(name, supplier)}: per-key state and event-time timers as in
 * {@link KeyedOperator}, plus broadcast events (CEP rule updates) that every instance receives.
 * A broadcast event has no key; {@link #onBroadcast} may visit every key's state with {@link
 * KeyedState#forEach} and register timers for any key.
 *
 * <p>Event time and read-first order as for {@link BroadcastOperator}: the broadcast input does
 * not hold back the watermark, and queued broadcast events are processed before the next batch
 * of data.
 *
 * <p><b>Threading</b> and <b>failure</b> as for {@link Operator}.
 *
 * @param <K> key type of the data input
 * @param <I> data input type
 * @param <B> broadcast input type
 * @param <O> output type
 */
public interface KeyedBroadcastOperator<K, I, B, O> {

  /** Called once before any event, on the thread that will run the operator. */
  default void open(KeyedOperatorContext<K> context) throws Exception {}

  /** Processes one data event of {@code key}. */
  void onEvent(K key, I event, long timestamp, Output<O> output) throws Exception;

  /** Processes one broadcast event; every instance of the stage receives it. */
  void onBroadcast(B event, long timestamp, Output<O> output) throws Exception;

  /** An event-time timer registered for {@code key} at {@code time} fired. */
  /**
   * A timer fired (either time domain, with the namespace it was registered with); the default
   * calls {@link #onTimer(Object, long, Output)}. See {@link KeyedOperator#onTimer(Object, Object,
   * long, TimeDomain, Output)}.
   */
  default void onTimer(K key, Object namespace, long time, TimeDomain domain, Output<O> output)
      throws Exception {
    onTimer(key, time, output);
  }

  /** An event-time timer registered without a namespace fired. */
  default void onTimer(K key, long time, Output<O> output) throws Exception {}

  /** Event time has advanced to {@code watermark} (after due timers fired). */
  default void onWatermark(long watermark, Output<O> output) throws Exception {}

  /** Both inputs have ended, after the final watermark fired every timer. */
  default void onEnd(Output<O> output) throws Exception {}

  /** Called once when the job ends for any reason. */
  default void close() throws Exception {}
}
