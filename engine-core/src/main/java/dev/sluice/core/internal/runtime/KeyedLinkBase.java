package dev.sluice.core.internal.runtime;

import dev.sluice.core.Timestamps;
import dev.sluice.core.internal.operators.LongKeyedContext;
import dev.sluice.core.internal.operators.LongKeyedOperator;
import dev.sluice.core.internal.state.KeyedStateBackend;
import dev.sluice.core.internal.state.LongKeyedStateTable;
import dev.sluice.core.internal.state.TimerHeap;
import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.KeyedState;
import dev.sluice.core.operator.TimeDomain;
import dev.sluice.core.operator.TimerService;
import dev.sluice.core.state.KeyGroupRange;
import dev.sluice.core.state.KeyGroups;
import dev.sluice.core.state.MapState;
import dev.sluice.core.state.MapStateDescriptor;
import dev.sluice.core.state.NamespacedState;
import dev.sluice.core.state.NamespacedStateDescriptor;
import dev.sluice.core.state.StateCodec;
import dev.sluice.core.state.StateCodecs;
import dev.sluice.core.state.ValueStateDescriptor;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Runs a {@link KeyedOperator}: takes each event's key and key group (carried across the edge by
 * the sender, or computed here), gives the operator managed keyed and operator state, and runs
 * its event-time and processing-time timers from two {@link TimerHeap}s.
 *
 * <p>Firing is resumable: a watermark fires due timers while the chain's tail has room; when the
 * tail fills, the link closes the tasklet's gate (no new input), and {@link #poll()} resumes on
 * the next call. The watermark (then {@code onEnd}, if the input ended meanwhile) goes downstream
 * only after the last due timer. Processing-time timers fire from {@link #poll()}, which the
 * tasklet calls on every call. Counting as in {@link OperatorLinkBase}.
 */
abstract class KeyedLinkBase extends OperatorLinkBase
    implements KeyedOperatorContext<Object>, TimerService<Object>, LongKeyedContext {

  /** {@link #carriedGroup} when the sender did not compute the key. */
  static final int NO_KEY = -1;
  /** {@link #carriedGroup} when the sender's key function threw; the key slot holds the error. */
  static final int KEY_FAILED = -2;

  final int maxParallelism;
  private final StateCodec<Object> keyCodec;
  /** The primitive key function of a stage keyed with {@code keyByLong}, else null. */
  final ToLongFunction<Object> longKeyFn;
  private final TimerHeap eventTimers = new TimerHeap();
  private final TimerHeap processingTimers = new TimerHeap();
  private KeyedStateBackend<Object> keyed;

  /** Set by the input before {@link #onEvent} when the sender routed by key. */
  Object carriedKey;

  int carriedGroup = NO_KEY;

  Object currentKey;
  int currentGroup = NO_KEY;
  private long watermark = Long.MIN_VALUE;
  /** The watermark whose timers are being fired; Long.MIN_VALUE when none is pending. */
  private long firingWatermark = Long.MIN_VALUE;
  private boolean firing;
  private boolean endPending;
  private boolean gateClosed;
  private Link tail;
  private Gate gate;

  @SuppressWarnings("unchecked")
  KeyedLinkBase(StageCounter counter, ToLongFunction<Object> longKeyFn, int maxParallelism) {
    super(counter);
    this.longKeyFn = longKeyFn;
    this.maxParallelism = maxParallelism;
    this.keyCodec =
        longKeyFn != null
            ? (StateCodec<Object>) (StateCodec<?>) StateCodecs.longs()
            : StateCodecs.dynamic();
  }

  /** Opens the user's operator with this link as its context. */
  abstract void openOperator() throws Exception;

  /** Closes the user's operator. */
  abstract void closeOperator() throws Exception;

  /** Calls the operator's {@code onTimer}. */
  abstract void callOnTimer(Object key, Object namespace, long time, TimeDomain domain)
      throws Exception;

  /** Calls the operator's {@code onWatermark}. */
  abstract void callOnWatermark(long watermark) throws Exception;

  /** Calls the operator's {@code onEnd}. */
  abstract void callOnEnd() throws Exception;

  /** Makes {@code key} (of {@code group}, or {@link #NO_KEY} if not computed) the current key. */
  final void useKey(Object key, int group) {
    currentKey = key;
    currentGroup = group;
    keyed.setCurrentKey(key, group);
  }

  @Override
  void open(TaskletContext context) throws Exception {
    this.context = context;
    this.gate = context.gate();
    Link t = this;
    while (t.next != null) {
      t = t.next;
    }
    this.tail = t;
    KeyGroups.checkParallelism(context.parallelism(), maxParallelism);
    KeyGroupRange range =
        KeyGroups.rangeFor(context.instanceIndex(), context.parallelism(), maxParallelism);
    keyed = new KeyedStateBackend<>(maxParallelism, range, keyCodec);
    openState(context);
    if (pendingRestore != null) {
      // restored before open: states the operator registers in open find their content
      OperatorSnapshots.restore(
          pendingRestore, keyed, operatorState, eventTimers, processingTimers, keyCodec, range);
      watermark = OperatorSnapshots.restoredWatermark(pendingRestore);
      pendingRestore = null;
    }
    openOperator();
  }

  @Override
  void close(Throwable failure) throws Exception {
    closeOperator();
  }

  @Override
  OperatorSnapshot snapshot() {
    return OperatorSnapshots.take(
        keyed, operatorState, eventTimers, processingTimers, keyCodec, watermark);
  }

  /** The keyed state backend (for tests and the harness). */
  KeyedStateBackend<Object> keyedBackend() {
    return keyed;
  }

  // ---- watermarks and timers

  @Override
  void onWatermark(long wm) {
    noteWatermark(wm);
    if (wm > watermark) {
      watermark = wm;
    }
    firingWatermark = watermark;
    firing = true;
    fireEventTimers();
  }

  /** Fires due event-time timers while the tail has room; finishes the watermark when done. */
  private void fireEventTimers() {
    long wm = firingWatermark;
    TimerHeap heap = eventTimers;
    while (true) {
      if (tail.isBlocked()) {
        closeGate();
        return;
      }
      if (!heap.pollDue(wm)) {
        break;
      }
      fire(heap, heap.firedTime(), TimeDomain.EVENT_TIME);
    }
    firing = false;
    openGate();
    currentTimestamp = wm;
    long before = emitted;
    try {
      callOnWatermark(wm);
    } catch (StageFailure f) {
      throw f;
    } catch (Exception | Error e) {
      throw new StageFailure(counter.stage, null, e);
    }
    counter.expanded += emitted - before;
    forwardWatermark(wm);
    if (endPending) {
      endPending = false;
      finishEnd();
    }
  }

  private void fire(TimerHeap heap, long timestamp, TimeDomain domain) {
    Object key = heap.firedKey();
    int group = heap.firedKeyGroup();
    currentKey = key;
    currentGroup = group;
    keyed.setCurrentKey(key, group);
    currentTimestamp = timestamp;
    long before = emitted;
    try {
      callOnTimer(key, heap.firedNamespace(), heap.firedTime(), domain);
    } catch (StageFailure f) {
      throw f;
    } catch (Exception | Error e) {
      throw new StageFailure(counter.stage, null, e);
    }
    counter.expanded += emitted - before;
  }

  private void closeGate() {
    if (!gateClosed) {
      gateClosed = true;
      gate.closedBy++;
    }
  }

  private void openGate() {
    if (gateClosed) {
      gateClosed = false;
      gate.closedBy--;
    }
  }

  @Override
  boolean isPollable() {
    return true;
  }

  @Override
  boolean poll() {
    if (firing) {
      if (tail.isBlocked()) {
        return false;
      }
      fireEventTimers();
      return true;
    }
    TimerHeap heap = processingTimers;
    if (heap.isEmpty() || endPending) {
      return false;
    }
    long now = context.clock().currentTimeMillis();
    if (heap.peekTime() > now) {
      return false;
    }
    long ts = watermark == Long.MIN_VALUE ? Timestamps.NONE : watermark;
    boolean fired = false;
    while (!tail.isBlocked() && heap.pollDue(now)) {
      fire(heap, ts, TimeDomain.PROCESSING_TIME);
      fired = true;
    }
    return fired;
  }

  @Override
  boolean isQuiescent() {
    return !firing && !endPending;
  }

  @Override
  void onEnd() {
    if (firing) {
      endPending = true;
      return;
    }
    finishEnd();
  }

  private void finishEnd() {
    currentTimestamp = watermark;
    runCounted(this::callOnEnd);
    forwardEnd();
  }

  // ---- TimerService

  private int groupOf(Object key) {
    return key == currentKey && currentGroup >= 0
        ? currentGroup
        : KeyGroups.groupOf(key, maxParallelism);
  }

  @Override
  public void registerEventTimeTimer(Object key, Object namespace, long time) {
    eventTimers.register(key, groupOf(key), namespace, time);
  }

  @Override
  public void deleteEventTimeTimer(Object key, Object namespace, long time) {
    eventTimers.delete(key, namespace, time);
  }

  @Override
  public void registerProcessingTimeTimer(Object key, Object namespace, long timeMillis) {
    processingTimers.register(key, groupOf(key), namespace, timeMillis);
  }

  @Override
  public void deleteProcessingTimeTimer(Object key, Object namespace, long timeMillis) {
    processingTimers.delete(key, namespace, timeMillis);
  }

  @Override
  public long currentProcessingTime() {
    return context.clock().currentTimeMillis();
  }

  @Override
  public int pendingTimers() {
    return eventTimers.size() + processingTimers.size();
  }

  @Override
  public long currentWatermark() {
    return watermark;
  }

  @Override
  public TimerService<Object> timers() {
    return this;
  }

  // ---- state

  @Override
  public <S> KeyedState<Object, S> state(String name, Supplier<S> initial) {
    return keyed.value(ValueStateDescriptor.of(name, StateCodecs.<S>dynamic()).withInitial(initial));
  }

  @Override
  public <S> KeyedState<Object, S> state(String name) {
    return keyed.value(ValueStateDescriptor.of(name, StateCodecs.<S>dynamic()));
  }

  @Override
  public <S> KeyedState<Object, S> state(ValueStateDescriptor<S> descriptor) {
    return keyed.value(descriptor);
  }

  @Override
  public <UK, UV> MapState<Object, UK, UV> mapState(MapStateDescriptor<UK, UV> descriptor) {
    return keyed.map(descriptor);
  }

  @Override
  public <N, S> NamespacedState<Object, N, S> namespacedState(
      NamespacedStateDescriptor<N, S> descriptor) {
    return keyed.namespaced(descriptor);
  }

  @Override
  public int maxParallelism() {
    return maxParallelism;
  }

  @Override
  public boolean isLongKeyed() {
    return longKeyFn != null;
  }

  @Override
  public <S> LongKeyedStateTable<S> longState(ValueStateDescriptor<S> descriptor) {
    return keyed.longValue(descriptor);
  }
}
