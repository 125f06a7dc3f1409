package dev.sluice.core.internal.runtime;

import dev.sluice.core.operator.Operator;
import dev.sluice.core.operator.OperatorContext;

/** Runs a user {@link Operator} inside a chain; counting as in {@link OperatorLinkBase}. */
final class OperatorLink extends OperatorLinkBase implements OperatorContext {
  private final Operator<Object, Object> operator;
  private long watermark = Long.MIN_VALUE;

  OperatorLink(StageCounter counter, Operator<Object, Object> operator) {
    super(counter);
    this.operator = operator;
    this.listener =
        operator instanceof dev.sluice.core.checkpoint.CheckpointListener l ? l : null;
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
  void close(Throwable failure) throws Exception {
    operator.close();
  }

  @Override
  OperatorSnapshot snapshot() {
    return OperatorSnapshots.take(null, operatorState, null, null, null, watermark);
  }

  @Override
  void invoke(Object item, long timestamp) throws Exception {
    operator.onEvent(item, timestamp, this);
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
