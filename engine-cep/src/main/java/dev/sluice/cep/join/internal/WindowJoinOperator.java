package dev.sluice.cep.join.internal;

import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.KeyedTwoInputOperator;
import dev.sluice.core.operator.Output;
import dev.sluice.core.operator.TimeDomain;
import dev.sluice.core.operator.TimerService;
import dev.sluice.core.state.NamespacedState;
import dev.sluice.core.state.NamespacedStateDescriptor;
import dev.sluice.windowing.TimeWindow;
import dev.sluice.windowing.WindowAssigner;
import dev.sluice.windowing.WindowCollector;

/**
 * Windowed join over a non-merging assigner (tumbling, sliding, custom): both sides buffered per
 * (key, window) in namespaced state; when the watermark reaches the window's last instant the
 * pairs (and, for outer joins, the unmatched rows) are emitted with that instant as timestamp and
 * the window's state is dropped. An event is added to each of its windows that has not fired; an
 * event none of whose windows is open any more is late and goes to its side's late output.
 */
public final class WindowJoinOperator<K>
    implements KeyedTwoInputOperator<K, Object, Object, Object>, WindowCollector {
  private final WindowAssigner<Object> assigner;
  private final JoinSpec spec;
  private NamespacedState<K, TimeWindow, SideBuffers> buffers;
  private TimerService<K> timers;
  private KeyedOperatorContext<K> context;
  private Output<Object> lateLeft;
  private Output<Object> lateRight;

  // the event being assigned (set and cleared around assignWindows; never outlives a callback)
  private K currentKey;
  private Object currentEvent;
  private long currentTime;
  private boolean currentLeft;
  private long currentWatermark;
  private int accepted;
  /** The window last assigned: consecutive events mostly share it (no allocation then). */
  private TimeWindow lastWindow;

  public WindowJoinOperator(WindowAssigner<Object> assigner, JoinSpec spec) {
    this.assigner = assigner;
    this.spec = spec;
  }

  @Override
  public void open(KeyedOperatorContext<K> context) {
    this.context = context;
    this.buffers =
        context.namespacedState(
            NamespacedStateDescriptor.of("join-window-buffers", TimeWindow.codec(), spec.buffersCodec())
                );
    this.timers = context.timers();
    this.lateLeft = context.sideOutput(spec.lateLeft());
    this.lateRight = context.sideOutput(spec.lateRight());
  }

  @Override
  public void onEvent1(K key, Object event, long timestamp, Output<Object> output) {
    assign(key, event, timestamp, true);
  }

  @Override
  public void onEvent2(K key, Object event, long timestamp, Output<Object> output) {
    assign(key, event, timestamp, false);
  }

  private void assign(K key, Object event, long timestamp, boolean left) {
    currentKey = key;
    currentEvent = event;
    currentTime = timestamp;
    currentLeft = left;
    currentWatermark = context.currentWatermark();
    accepted = 0;
    try {
      assigner.assignWindows(event, timestamp, this);
    } finally {
      currentKey = null;
      currentEvent = null;
    }
    if (accepted == 0) {
      (left ? lateLeft : lateRight).emit(event, timestamp);
    }
  }

  /** Called by the assigner for each window of the current event. */
  @Override
  public void window(long start, long end) {
    long last = end - 1;
    if (last <= currentWatermark) {
      return; // this window already fired: the event misses it
    }
    TimeWindow w = lastWindow;
    if (w == null || w.start() != start || w.end() != end) {
      w = new TimeWindow(start, end); // immutable: shared by the events of one window
      lastWindow = w;
    }
    SideBuffers b = buffers.getForUpdate(currentKey, w);
    if (b == null) { // a new window of this key: its state and its timer begin together
      b = new SideBuffers();
      buffers.put(currentKey, w, b);
      timers.registerEventTimeTimer(currentKey, w, last);
    }
    if (currentLeft) {
      b.addLeft(currentEvent, currentTime);
    } else {
      b.addRight(currentEvent, currentTime);
    }
    accepted++;
  }

  @Override
  public void onTimer(K key, Object namespace, long time, TimeDomain domain, Output<Object> output)
      throws Exception {
    if (!(namespace instanceof TimeWindow w)) {
      return;
    }
    SideBuffers b = buffers.get(key, w);
    if (b == null) {
      return;
    }
    buffers.remove(key, w);
    emitPairs(b, w.maxTimestamp(), spec, output);
  }

  /** Emits every pair of {@code b}, and its unmatched rows as the join type asks. */
  static void emitPairs(SideBuffers b, long timestamp, JoinSpec spec, Output<Object> output)
      throws Exception {
    int nl = b.leftCount();
    int nr = b.rightCount();
    var fn = spec.function();
    for (int i = 0; i < nl; i++) {
      Object l = b.left(i);
      for (int j = 0; j < nr; j++) {
        emit(fn.join(l, b.right(j)), timestamp, output);
      }
    }
    if (nr == 0 && spec.type().keepsUnmatchedLeft()) {
      for (int i = 0; i < nl; i++) {
        emit(fn.join(b.left(i), null), timestamp, output);
      }
    }
    if (nl == 0 && spec.type().keepsUnmatchedRight()) {
      for (int j = 0; j < nr; j++) {
        emit(fn.join(null, b.right(j)), timestamp, output);
      }
    }
  }

  static void emit(Object row, long timestamp, Output<Object> output) {
    if (row != null) {
      output.emit(row, timestamp);
    }
  }
}
