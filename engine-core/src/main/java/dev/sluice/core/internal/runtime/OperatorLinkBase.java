package dev.sluice.core.internal.runtime;

import dev.sluice.core.internal.state.OperatorStateBackend;
import dev.sluice.core.state.BroadcastState;
import dev.sluice.core.state.BroadcastStateDescriptor;
import dev.sluice.core.state.ListState;
import dev.sluice.core.state.ListStateDescriptor;
import java.util.List;
import dev.sluice.core.operator.Output;

/**
 * What the plain and keyed operator links share: the output the operator emits through, the
 * counting of outputs per input (none: filtered; more than one: expanded; on watermarks and at
 * the end: expanded), failure wrapping, and the context the operator asks about its instance.
 */
abstract class OperatorLinkBase extends Link implements Output<Object> {
  /** The timestamp given to outputs emitted without one. */
  long currentTimestamp;
  /** Non-keyed list and broadcast state; created in {@link #openState}. */
  OperatorStateBackend operatorState;
  /** Snapshots to restore from when the link opens; null for a fresh start. */
  List<OperatorSnapshot> pendingRestore;
  /** Events emitted so far; links subtract two readings to count a call's outputs. */
  long emitted;
  TaskletContext context;

  OperatorLinkBase(StageCounter counter) {
    super(counter);
  }

  /** Restores state before {@link #open}: the snapshots of every instance of the old run. */
  final void restoreFrom(List<OperatorSnapshot> snapshots) {
    this.pendingRestore = List.copyOf(snapshots);
  }

  /** Creates the operator state for this instance (called from {@code open}). */
  final void openState(TaskletContext context) {
    operatorState = new OperatorStateBackend(context.instanceIndex(), context.parallelism());
  }

  /** Takes a snapshot of this instance's managed state. */
  abstract OperatorSnapshot snapshot();

  public <T> ListState<T> listState(ListStateDescriptor<T> descriptor) {
    return operatorState.list(descriptor);
  }

  public <K, V> BroadcastState<K, V> broadcastState(BroadcastStateDescriptor<K, V> descriptor) {
    return operatorState.broadcast(descriptor);
  }

  /** A call into the operator that may throw. */
  interface OperatorCall {
    void run() throws Exception;
  }

  /** Calls the operator for one event; may throw. */
  abstract void invoke(Object item, long timestamp) throws Exception;

  @Override
  void onEvent(Object item, long timestamp) {
    process(item, timestamp, false);
  }

  @Override
  void onEventTimed(Object item, long timestamp) {
    process(item, timestamp, true);
  }

  private void process(Object item, long timestamp, boolean timed) {
    StageCounter c = counter;
    c.in++;
    currentTimestamp = timestamp;
    long before = emitted;
    long t0 = timed ? System.nanoTime() : 0;
    try {
      invoke(item, timestamp);
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

  /**
   * Runs an operator callback that is not about one event (watermark, end): its outputs count as
   * expanded, and a failure fails the job naming the stage.
   */
  final void runCounted(OperatorCall call) {
    long before = emitted;
    try {
      call.run();
    } catch (StageFailure f) {
      throw f;
    } catch (Exception | Error e) {
      throw new StageFailure(counter.stage, null, e);
    }
    counter.expanded += emitted - before;
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

  public String stageName() {
    return counter.stage;
  }

  public int instanceIndex() {
    return context.instanceIndex();
  }

  public int parallelism() {
    return context.parallelism();
  }

  public long processingTimeMillis() {
    return context.clock().currentTimeMillis();
  }
}
