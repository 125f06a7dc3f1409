package dev.sluice.core.internal.runtime;

import dev.sluice.core.operator.BroadcastOperator;
import dev.sluice.core.operator.OperatorContext;
import dev.sluice.core.operator.Output;
import dev.sluice.core.operator.TwoInputOperator;

/**
 * Runs a {@link TwoInputOperator} (or a {@link BroadcastOperator}, adapted to one): events of
 * the first input arrive at the link itself, those of the second at {@link #secondInput}, and
 * are counted per input. The watermark it hears is already the minimum over the inputs that
 * hold event time (the queue input computes it). Counting as in {@link OperatorLinkBase}.
 */
final class TwoInputOperatorLink extends OperatorLinkBase implements OperatorContext {
  private final TwoInputOperator<Object, Object, Object> operator;
  private long watermark = Long.MIN_VALUE;
  /** The chain head for events of the second input. */
  final Link secondInput = new SecondInput(this);

  TwoInputOperatorLink(StageCounter counter, Object operator) {
    super(counter);
    this.operator = adapt(operator);
    this.listener =
        operator instanceof dev.sluice.core.checkpoint.CheckpointListener l ? l : null;
    if (counter.inByInput == null) {
      counter.inByInput = new long[2];
    }
  }

  @SuppressWarnings("unchecked")
  private static TwoInputOperator<Object, Object, Object> adapt(Object op) {
    if (op instanceof TwoInputOperator<?, ?, ?> t) {
      return (TwoInputOperator<Object, Object, Object>) t;
    }
    if (op instanceof BroadcastOperator<?, ?, ?> b) {
      return new BroadcastAdapter((BroadcastOperator<Object, Object, Object>) b);
    }
    throw new IllegalArgumentException(
        "the supplier returned " + (op == null ? "null" : op.getClass().getName())
            + ", not a TwoInputOperator or BroadcastOperator");
  }

  /** A broadcast operator seen as a two-input one: its second input is the broadcast input. */
  private record BroadcastAdapter(BroadcastOperator<Object, Object, Object> op)
      implements TwoInputOperator<Object, Object, Object> {
    @Override
    public void open(OperatorContext context) throws Exception {
      op.open(context);
    }

    @Override
    public void onEvent1(Object event, long timestamp, Output<Object> output) throws Exception {
      op.onEvent(event, timestamp, output);
    }

    @Override
    public void onEvent2(Object event, long timestamp, Output<Object> output) throws Exception {
      op.onBroadcast(event, timestamp, output);
    }

    @Override
    public void onWatermark(long watermark, Output<Object> output) throws Exception {
      op.onWatermark(watermark, output);
    }

    @Override
    public void onEnd(Output<Object> output) throws Exception {
      op.onEnd(output);
    }

    @Override
    public void close() throws Exception {
      op.close();
    }
  }

  @Override
  void open(TaskletContext context) throws Exception {
    this.context = context;
    openState(context);
    if (pendingRestore != null) {
      OperatorSnapshots.restore(pendingRestore, null, operatorState, null, null, null, null);
      watermark = OperatorSnapshots.restoredWatermark(pendingRestore);
      pendingRestore = null;
    }
    operator.open(this);
  }

  @Override
  OperatorSnapshot snapshot() {
    return OperatorSnapshots.take(null, operatorState, null, null, null, watermark);
  }

  @Override
  void close(Throwable failure) throws Exception {
    operator.close();
  }

  @Override
  void onEvent(Object item, long timestamp) {
    counter.inByInput[0]++;
    process(item, timestamp, false, false);
  }

  @Override
  void onEventTimed(Object item, long timestamp) {
    counter.inByInput[0]++;
    process(item, timestamp, true, false);
  }

  @Override
  void invoke(Object item, long timestamp) throws Exception {
    operator.onEvent1(item, timestamp, this);
  }

  @Override
  void invokeSecond(Object item, long timestamp) throws Exception {
    operator.onEvent2(item, timestamp, this);
  }

  @Override
  void onWatermark(long wm) {
    noteWatermark(wm);
    watermark = wm;
    currentTimestamp = wm;
    runCounted(() -> operator.onWatermark(wm, this));
    forwardWatermark(wm);
  }

  @Override
  void onEnd() {
    runCounted(() -> operator.onEnd(this));
    forwardEnd();
  }

  @Override
  public long currentWatermark() {
    return watermark;
  }
}
