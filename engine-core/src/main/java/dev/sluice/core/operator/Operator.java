package dev.sluice.core.operator;

/**
 * A processing step that plug-in modules and users add to a pipeline with {@code
 * Stage.customOperator}. An operator receives events with their timestamps, hears watermarks and
 * the end of its input, and emits through an {@link Output}.
 *
 * <p><b>Threading:</b> one instance per parallel instance of the stage; all callbacks of an
 * instance run on one thread at a time, so an operator needs no synchronisation. Callbacks must
 * not block: they run on shared worker threads. <b>Failure:</b> an exception thrown by a callback
 * fails the job; the failure names the stage and the event being processed.
 *
 * <p>Watermarks are forwarded downstream by the runtime after {@link #onWatermark} returns, so an
 * operator only overrides it to act on event-time progress.
 *
 * @param <I> input type
 * @param <O> output type
 */
public interface Operator<I, O> {

  /** Called once before any event, on the thread that will run the operator. */
  default void open(OperatorContext context) throws Exception {}

  /** Processes one event; {@code timestamp} is {@code Timestamps.NONE} if the event has none. */
  void onEvent(I event, long timestamp, Output<O> output) throws Exception;

  /** Event time has advanced to {@code watermark}. */
  default void onWatermark(long watermark, Output<O> output) throws Exception {}

  /**
   * The input has ended (after the final watermark); emit anything still held. Not called when
   * the job is cancelled.
   */
  default void onEnd(Output<O> output) throws Exception {}

  /** Called once when the job ends for any reason; release resources. */
  default void close() throws Exception {}
}
