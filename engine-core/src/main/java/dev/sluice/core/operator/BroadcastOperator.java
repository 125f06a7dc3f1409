package dev.sluice.core.operator;

/**
 * An operator with a data input and a broadcast input, added with {@code
 * stage.withBroadcast(rules).process(name, supplier)}: rules, thresholds or reference data that
 * every instance must see. Every instance receives every broadcast event at {@link
 * #onBroadcast}; data events arrive at {@link #onEvent} as for an {@link Operator}.
 *
 * <p><b>Event time</b> is the data input's alone: watermarks of the broadcast input are ignored,
 * so a rule stream that is quiet, has no timestamps or is far behind does not hold back the
 * operator's watermark. <b>Order:</b> the broadcast input is read first — before taking each
 * batch of data from its queue, the instance processes every broadcast event already queued, so
 * a broadcast event that reached the stage's queue before a data event is seen before it. A batch
 * of data already being processed (at most one batch) is finished first. The stage ends when both
 * inputs have ended; its final watermark comes when the data input ends.
 *
 * <p>Keep what {@link #onBroadcast} builds identical on every instance (derive it only from the
 * broadcast events): instances see the same broadcast events in the same order only per
 * broadcast producer instance.
 *
 * <p><b>Threading</b> and <b>failure</b> as for {@link Operator}.
 *
 * @param <I> data input type
 * @param <B> broadcast input type
 * @param <O> output type
 */
public interface BroadcastOperator<I, B, O> {

  /** Called once before any event, on the thread that will run the operator. */
  default void open(OperatorContext context) throws Exception {}

  /** Processes one data event. */
  void onEvent(I event, long timestamp, Output<O> output) throws Exception;

  /** Processes one broadcast event; every instance of the stage receives it. */
  void onBroadcast(B event, long timestamp, Output<O> output) throws Exception;

  /** Event time (the data input's) has advanced to {@code watermark}. */
  default void onWatermark(long watermark, Output<O> output) throws Exception {}

  /** Both inputs have ended (after the final watermark). Not called when the job is cancelled. */
  default void onEnd(Output<O> output) throws Exception {}

  /** Called once when the job ends for any reason; release resources. */
  default void close() throws Exception {}
}
