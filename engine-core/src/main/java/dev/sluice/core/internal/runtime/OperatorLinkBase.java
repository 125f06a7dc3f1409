package dev.sluice.core.internal.runtime;

import dev.sluice.core.internal.state.OperatorStateBackend;
import dev.sluice.core.state.BroadcastState;
import dev.sluice.core.state.BroadcastStateDescriptor;
import dev.sluice.core.state.ListState;
import dev.sluice.core.state.ListStateDescriptor;
import java.util.List;
import dev.sluice.core.operator.Output;
import dev.sluice.core.operator.OutputTag;
import java.util.HashMap;
import java.util.Map;

/**
 * What the operator links share: the output the operator emits through, the counting of outputs
 * per input (none: filtered; more than one: expanded; on watermarks and at the end: expanded),
 * failure wrapping, the context the operator asks about its instance, and side outputs.
 *
 * <p>Side outputs: the job builder connects a side port ({@link Outlet}) per connected tag; the
 * operator asks for a tag's {@link SideOutputPort} in {@code open}. Emitting to a side output
 * counts as an output of the current input (in {@link #emitted}), so the per-input counting
 * needs no side-output code on the main path. Watermarks, idleness and the end go to every
 * connected side port after the main output ({@link #forwardWatermark}, {@link #forwardEnd}).
 *
 * <p>A link with a second input (two-input and broadcast operators) gets its events there
 * through {@link SecondInput}, which calls {@link #process} with {@code second} set; one-input
 * links pass a constant false, which the JIT folds away.
 */
abstract class OperatorLinkBase extends Link implements Output<Object> {
  private static final Link[] NO_PORTS = new Link[0];

  /** The timestamp given to outputs emitted without one. */
  long currentTimestamp;
  /** Non-keyed list and broadcast state; created in {@link #openState}. */
  OperatorStateBackend operatorState;
  /** Snapshots to restore from when the link opens; null for a fresh start. */
  List<OperatorSnapshot> pendingRestore;
  /** Outputs emitted (main and side) since the link was created; deltas are counted per input. */
  long emitted;
  TaskletContext context;
  /** The stage's stable id; the job builder sets it (the stage name in the test harness). */
  String stageUid;
  /** Connected side ports by tag id, with the tag the pipeline connected. */
  private final Map<String, Link> sidePortsByTag = new HashMap<>();
  private final Map<String, OutputTag<?>> connectedTags = new HashMap<>();
  private final Map<String, SideOutputPort> requested = new HashMap<>();
  /** Every connected side port, for control items. */
  private Link[] sidePorts = NO_PORTS;
  /**
   * For the test harness only: makes a recording port for a tag the operator asks for that the
   * pipeline does not connect (in a job, null: such a tag's events are counted as dropped).
   */
  java.util.function.Function<OutputTag<?>, Link> unconnectedSideOutputs;

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

  /** The user's operator if it implements CheckpointListener; set by the constructors. */
  dev.sluice.core.checkpoint.CheckpointListener listener;

  @Override
  void snapshotInto(CheckpointParts parts) {
    parts.put(
        CheckpointParts.OPERATOR, stageUid(), context.instanceIndex(),
        OperatorSnapshots.toBytes(snapshot()));
  }

  /** Snapshots, then forwards the barrier to the main output and every side port. */
  @Override
  void onBarrier(long checkpointId, CheckpointParts parts) {
    snapshotInto(parts);
    next.onBarrier(checkpointId, parts);
    for (Link p : sidePorts) {
      p.onBarrier(checkpointId, parts);
      p.syncGate();
    }
  }

  @Override
  void checkpointComplete(long checkpointId) throws Exception {
    if (listener != null) {
      listener.checkpointComplete(checkpointId);
    }
  }

  @Override
  void checkpointAborted(long checkpointId) throws Exception {
    if (listener != null) {
      listener.checkpointAborted(checkpointId);
    }
  }

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

  /** Calls the operator for one event of the second input; only two-input links override. */
  void invokeSecond(Object item, long timestamp) throws Exception {
    throw new IllegalStateException("stage '" + counter.stage + "' has no second input");
  }

  @Override
  void onEvent(Object item, long timestamp) {
    process(item, timestamp, false, false);
  }

  @Override
  void onEventTimed(Object item, long timestamp) {
    process(item, timestamp, true, false);
  }

  final void process(Object item, long timestamp, boolean timed, boolean second) {
    StageCounter c = counter;
    c.in++;
    currentTimestamp = timestamp;
    long before = emitted;
    long t0 = timed ? System.nanoTime() : 0;
    try {
      if (second) {
        invokeSecond(item, timestamp);
      } else {
        invoke(item, timestamp);
      }
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

  // ---- side outputs ----

  /** Connects the side output {@code tag} of this stage to {@code port} (job building). */
  final void connectSideOutput(OutputTag<?> tag, Link port) {
    sidePortsByTag.put(tag.id(), port);
    connectedTags.put(tag.id(), tag);
    Link[] ps = java.util.Arrays.copyOf(sidePorts, sidePorts.length + 1);
    ps[sidePorts.length] = port;
    sidePorts = ps;
  }

  /** See {@link dev.sluice.core.operator.OperatorContext#sideOutput}. */
  @SuppressWarnings("unchecked")
  public final <T> Output<T> sideOutput(OutputTag<T> tag) {
    java.util.Objects.requireNonNull(tag, "tag");
    SideOutputPort port = requested.get(tag.id());
    if (port == null) {
      OutputTag<?> connected = connectedTags.get(tag.id());
      if (connected != null && !connected.type().isAssignableFrom(tag.type())) {
        throw new IllegalArgumentException(
            "stage '" + counter.stage + "' asks for side output '" + tag.id() + "' of type "
                + tag.type().getName() + ", but the pipeline connects it for "
                + connected.type().getName());
      }
      if (connected == null && unconnectedSideOutputs != null) {
        connectSideOutput(tag, unconnectedSideOutputs.apply(tag));
      }
      port = new SideOutputPort(this, tag.id(), sidePortsByTag.get(tag.id()));
      requested.put(tag.id(), port);
    }
    return (Output<T>) (Output<?>) port;
  }

  /** Passes a watermark to the main output, then to every side port. */
  final void forwardWatermark(long watermark) {
    next.onWatermark(watermark);
    for (Link p : sidePorts) {
      p.onWatermark(watermark);
      p.syncGate();
    }
  }

  /** Passes the end of input to the main output, then to every side port. */
  final void forwardEnd() {
    next.onEnd();
    for (Link p : sidePorts) {
      p.onEnd();
      p.syncGate();
    }
  }

  @Override
  void onIdle() {
    next.onIdle();
    for (Link p : sidePorts) {
      p.onIdle();
      p.syncGate();
    }
  }

  /**
   * The entry of a link's second input: a chain head for the queue input, which hands events of
   * the second input's channels here instead of to the link itself. Only events arrive here;
   * control items of every input go to the link.
   */
  static final class SecondInput extends Link {
    private final OperatorLinkBase owner;

    SecondInput(OperatorLinkBase owner) {
      super(null);
      this.owner = owner;
    }

    @Override
    void onEvent(Object item, long timestamp) {
      owner.counter.inByInput[1]++;
      owner.process(item, timestamp, false, true);
    }

    @Override
    void onEventTimed(Object item, long timestamp) {
      owner.counter.inByInput[1]++;
      owner.process(item, timestamp, true, true);
    }
  }

  // ---- context ----

  public String stageUid() {
    return stageUid != null ? stageUid : counter.stage;
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
