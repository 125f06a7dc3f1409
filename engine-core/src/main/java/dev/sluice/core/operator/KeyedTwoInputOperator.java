package dev.sluice.core.operator;

/**
 * A {@link TwoInputOperator} over two inputs keyed the same way, added with {@code
 * keyed1.connect(keyed2).process(name, supplier)}: every event of a key, from either input,
 * reaches the same instance (both input edges route by the same hash of the key), so a join
 * keeps both sides of a key in keyed state ({@link KeyedOperatorContext#state}) and cleans up
 * with event-time timers.
 *
 * <p>Timers registered at {@code t} fire, in time order, when the operator's watermark (the
 * minimum over both inputs) reaches {@code t}, before {@link #onWatermark} hears it — as for
 * {@link KeyedOperator}.
 *
 * <p><b>Threading</b> and <b>failure</b> as for {@link Operator}.
 *
 * @param <K> key type (the same for both inputs)
 * @param <I1> type of the first input
 * @param <I2> type of the second input
 * @param <O> output type
 */
public interface KeyedTwoInputOperator<K, I1, I2, O> {

  /** Called once before any event, on the thread that will run the operator. */
  default void open(KeyedOperatorContext<K> context) throws Exception {}

  /** Processes one event of the first input, of {@code key}. */
  void onEvent1(K key, I1 event, long timestamp, Output<O> output) throws Exception;

  /** Processes one event of the second input, of {@code key}. */
  void onEvent2(K key, I2 event, long timestamp, Output<O> output) throws Exception;

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
