package dev.sluice.core.operator;

/**
 * An operator with two data inputs, added with {@code stage1.connect(stage2).process(name,
 * supplier)}: the building block of joins and co-processing. Events of the first input arrive at
 * {@link #onEvent1}, those of the second at {@link #onEvent2}; both emit to one output.
 *
 * <p><b>Event time:</b> the operator's watermark is the minimum of its two inputs' watermarks
 * (an idle input is left out, an ended one no longer counts), so a timer-like decision taken on
 * {@link #onWatermark} has seen every on-time event of both inputs. <b>Order:</b> events of one
 * input arrive in the order of each producer instance; the two inputs interleave in no promised
 * order. A stalled input does not stop the other: events of the live input are processed as
 * they come.
 *
 * <p><b>Threading</b> and <b>failure</b> as for {@link Operator}: one instance per parallel
 * instance, all callbacks of an instance on one thread at a time, never blocking; an exception
 * goes to the stage's error policy (on an event) or fails the job.
 *
 * @param <I1> type of the first input
 * @param <I2> type of the second input
 * @param <O> output type
 */
public interface TwoInputOperator<I1, I2, O> {

  /** Called once before any event, on the thread that will run the operator. */
  default void open(OperatorContext context) throws Exception {}

  /** Processes one event of the first input. */
  void onEvent1(I1 event, long timestamp, Output<O> output) throws Exception;

  /** Processes one event of the second input. */
  void onEvent2(I2 event, long timestamp, Output<O> output) throws Exception;

  /** Event time (the minimum over both inputs) has advanced to {@code watermark}. */
  default void onWatermark(long watermark, Output<O> output) throws Exception {}

  /** Both inputs have ended (after the final watermark). Not called when the job is cancelled. */
  default void onEnd(Output<O> output) throws Exception {}

  /** Called once when the job ends for any reason; release resources. */
  default void close() throws Exception {}
}
