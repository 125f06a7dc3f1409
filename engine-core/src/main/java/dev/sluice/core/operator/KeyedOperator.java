package dev.sluice.core.operator;

/**
 * An operator over a key-partitioned stream: every event arrives with its key, state is kept
 * per key in runtime-managed state ({@link KeyedOperatorContext}), and timers fire per key.
 *
 * <p>Keys are routed by key group ({@link dev.sluice.core.state.KeyGroups}): all events of one
 * key reach the same instance, in the order in which one upstream instance sent them. Results per
 * key do not depend on parallelism when each key's events come from one upstream instance; with
 * a parallel source the arrival order of a key's events from different source instances varies
 * from run to run, and only event-time logic (timers, windows) gives the same result every time.
 *
 * <p><b>State:</b> keep everything that must survive a restore in the context's managed state,
 * never in fields of the operator: the runtime snapshots, restores and redistributes managed
 * state by key group, and a field is lost. A state value read in a callback must not be kept
 * beyond that callback.
 *
 * <p><b>Timestamps of outputs:</b> {@link Output#emit(Object)} gives an event the timestamp of
 * the input being processed; in {@code onTimer} the timer's time for an event-time timer, and the
 * current watermark for a processing-time timer; in {@code onWatermark} the watermark; in {@code
 * onEnd} the final watermark. {@link Output#emit(Object, long)} sets it explicitly.
 *
 * <p><b>Threading</b> and <b>failure</b> as for {@link Operator}: a failure in {@code onEvent}
 * follows the stage's error policy; a failure in any other callback fails the job, naming the
 * stage.
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

  /**
   * A timer fired. The default calls {@link #onTimer(Object, long, Output)}, so operators that
   * register event-time timers without a namespace need override only that one.
   *
   * @param key the timer's key
   * @param namespace the namespace it was registered with, or null
   * @param time the time it was registered for
   * @param domain event time or processing time
   * @param output where to emit
   */
  default void onTimer(K key, Object namespace, long time, TimeDomain domain, Output<O> output)
      throws Exception {
    onTimer(key, time, output);
  }

  /** An event-time timer registered for {@code key} at {@code time} without a namespace fired. */
  default void onTimer(K key, long time, Output<O> output) throws Exception {}

  /** Event time has advanced to {@code watermark} (after every timer it made due fired). */
  default void onWatermark(long watermark, Output<O> output) throws Exception {}

  /** The input has ended, after the final watermark fired every event-time timer. */
  default void onEnd(Output<O> output) throws Exception {}

  /** Called once when the job ends for any reason. */
  default void close() throws Exception {}
}
