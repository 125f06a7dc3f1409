package dev.sluice.core.internal.runtime;

import dev.sluice.core.operator.Operator;
import dev.sluice.core.operator.OperatorContext;
import dev.sluice.core.operator.Output;

/**
 * Runs a user {@link Operator} inside a chain. Outputs produced while handling an event count as
 * that event's outputs (none: filtered; more than one: expanded); outputs produced on watermarks
 * or at the end count as expanded, so the stage's accounting identity holds.
 */
final class OperatorLink extends Link implements Output<Object>, OperatorContext {
  private final Operator<Object, Object> operator;
  private long currentTimestamp;
  private long emitted;
  private long watermark = Long.MIN_VALUE;
  private TaskletContext context;

  OperatorLink(StageCounter counter, Operator<Object, Object> operator) {
    super(counter);
    this.operator = operator;
  }

  @Override
  void open(TaskletContext context) throws Exception {
    this.context = context;
    operator.open(this);
  }

  @Override
  void close(Throwable failure) throws Exception {
    operator.close();
  }

  @Override
  void onEventTimed(Object item, long timestamp) {
    process(item, timestamp, true);
  }

  @Override
  void onEvent(Object item, long timestamp) {
    process(item, timestamp, false);
  }

  private void process(Object item, long timestamp, boolean timed) {
    StageCounter c = counter;
    c.in++;
    currentTimestamp = timestamp;
    long before = emitted;
    long t0 = timed ? System.nanoTime() : 0;
    try {
      operator.onEvent(item, timestamp, this);
    } catch (StageFailure f) {
      throw f;
    } catch (Exception | Error e) {
      c.expanded += emitted - before;
      handleError(item, timestamp, e);
      return;
    }
    if (timed) {
      recordProcessing(t0);
    }
    long k = emitted - before;
    if (k == 0) {
      c.filtered++;
    } else {
      c.expanded += k - 1;
    }
  }

  @Override
  void onWatermark(long wm) {
    noteWatermark(wm);
    watermark = wm;
    currentTimestamp = wm;
    long before = emitted;
    try {
      operator.onWatermark(wm, this);
    } catch (StageFailure f) {
      throw f;
    } catch (Exception | Error e) {
      throw new StageFailure(counter.stage, null, e);
    }
    counter.expanded += emitted - before;
    next.onWatermark(wm);
  }

  @Override
  void onEnd() {
    long before = emitted;
    try {
      operator.onEnd(this);
    } catch (StageFailure f) {
      throw f;
    } catch (Exception | Error e) {
      throw new StageFailure(counter.stage, null, e);
    }
    counter.expanded += emitted - before;
    next.onEnd();
  }

  @Override
  public void emit(Object event) {
    emit(event, currentTimestamp);
  }

  @Override
  public void emit(Object event, long timestamp) {
    if (event == null) {
      throw new NullPointerException("operator of stage '" + counter.stage + "' emitted null");
    }
    emitted++;
    counter.out++;
    // Outputs go on untimed: a timed path through the operator's results would make them
    // escape, and the JIT would then allocate every result the operator emits.
    next.onEvent(event, timestamp);
  }

  @Override
  public String stageName() {
    return counter.stage;
  }

  @Override
  public int instanceIndex() {
    return context.instanceIndex();
  }

  @Override
  public int parallelism() {
    return context.parallelism();
  }

  @Override
  public long currentWatermark() {
    return watermark;
  }

  @Override
  public long processingTimeMillis() {
    return context.clock().currentTimeMillis();
  }
}
