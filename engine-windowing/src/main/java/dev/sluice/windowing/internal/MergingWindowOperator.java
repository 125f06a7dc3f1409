package dev.sluice.windowing.internal;

import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.Output;
import dev.sluice.core.operator.OutputTag;
import dev.sluice.core.operator.TimeDomain;
import dev.sluice.core.operator.TimerService;
import dev.sluice.core.state.NamespacedState;
import dev.sluice.core.state.NamespacedStateDescriptor;
import dev.sluice.core.state.StateCodec;
import dev.sluice.windowing.FiringKind;
import dev.sluice.windowing.TimeWindow;
import dev.sluice.windowing.Trigger;
import dev.sluice.windowing.Triggers;
import dev.sluice.windowing.WindowAssigner;
import dev.sluice.windowing.WindowCollector;
import dev.sluice.windowing.WindowResult;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.function.BiConsumer;

/**
 * The keyed window operator for merging assigners (sessions): a key's windows are the namespaces
 * of one namespaced state, each holding a {@link Pane} (accumulator, trigger counters, whether it
 * has fired at or after its end). An event's proto-window merges with every window of the key it
 * overlaps or touches: their accumulators are combined into the merged window's pane, their
 * timers deleted and the merged window's registered.
 *
 * <p>Kinds: the first firing when the watermark reaches a window's end is {@link
 * FiringKind#ON_TIME}; any firing of a window (or of one merged from windows) that has already
 * fired at or after its end is {@link FiringKind#LATE}, as is the immediate firing of a window an
 * event makes or extends behind the watermark.
 */
final class MergingWindowOperator<K, T, A, R>
    implements KeyedOperator<K, T, WindowResult<K, R>>, WindowCollector, StateEntries {

  private final WindowAssigner<? super T> assigner;
  private final Trigger<? super T> trigger;
  private final boolean early;
  private final long earlyProcessingDelay;
  private final long lateness;
  private final boolean discarding;
  private final OutputTag<?> lateTag;
  private final PaneFunction<K, T, A, R> fn;
  private final boolean nonKeyed;

  private TimerService<K> timers;
  private NamespacedState<K, TimeWindow, Pane<A>> panes;
  private Output<Object> late;

  private static final java.util.Comparator<TimeWindow> BY_START =
      java.util.Comparator.comparingLong(TimeWindow::start);

  // scratch (valid during one callback; not state)
  private final ArrayList<TimeWindow> overlapping = new ArrayList<>();
  private long protoStart;
  private long protoEnd;
  private final BiConsumer<TimeWindow, Pane<A>> collectOverlapping =
      (w, p) -> {
        if (w.start() <= protoEnd && protoStart <= w.end()) {
          overlapping.add(w);
        }
      };
  private K curKey;
  private T curEvent;
  private long curTimestamp;
  private Output<WindowResult<K, R>> curOut;
  private boolean curAdded;

  MergingWindowOperator(WindowSpec<T> spec, PaneFunction<K, T, A, R> fn, boolean nonKeyed) {
    this.assigner = spec.assigner();
    this.trigger = spec.trigger();
    this.early = trigger != Triggers.onWatermark();
    this.earlyProcessingDelay = trigger.earlyProcessingDelayMillis();
    this.lateness = spec.allowedLatenessMillis();
    this.discarding = spec.discarding();
    this.lateTag = spec.lateTag();
    this.fn = fn;
    this.nonKeyed = nonKeyed;
  }

  /** A merging window's state. */
  static final class Pane<A> {
    /** Null when nothing arrived since a discarding firing. */
    A acc;
    /** True once the window fired at or after its end (later firings are LATE). */
    boolean fired;
    long pending;
    long processingTimer = TriggerState.NO_TIMER;

    static <A> StateCodec<Pane<A>> codec(StateCodec<A> accCodec) {
      return new StateCodec<>() {
        @Override
        public void encode(Pane<A> value, DataOutput out) throws IOException {
          out.writeBoolean(value.fired);
          out.writeLong(value.pending);
          out.writeLong(value.processingTimer);
          out.writeBoolean(value.acc != null);
          if (value.acc != null) {
            accCodec.encode(value.acc, out);
          }
        }

        @Override
        public Pane<A> decode(DataInput in) throws IOException {
          Pane<A> p = new Pane<>();
          p.fired = in.readBoolean();
          p.pending = in.readLong();
          p.processingTimer = in.readLong();
          if (in.readBoolean()) {
            p.acc = accCodec.decode(in);
          }
          return p;
        }

        @Override
        public String formatId() {
          return "sluice.windowing.MergingPane/1<" + accCodec.formatId() + ">";
        }
      };
    }
  }

  @Override
  public void open(KeyedOperatorContext<K> context) {
    this.timers = context.timers();
    panes =
        context.namespacedState(
            NamespacedStateDescriptor.of(
                "window-sessions", TimeWindowCodec.INSTANCE, Pane.codec(fn.codec())));
    late = LateOutputs.open(context, lateTag);
  }

  @Override
  public void onEvent(K key, T event, long timestamp, Output<WindowResult<K, R>> output) {
    if (nonKeyed && event instanceof ForwardedLate f) {
      late.emit(f.event());
      return;
    }
    curKey = key;
    curEvent = event;
    curTimestamp = timestamp;
    curOut = output;
    curAdded = false;
    try {
      assigner.assignWindows(event, timestamp, this);
      if (!curAdded) {
        late.emit(event);
      }
    } finally {
      curKey = null;
      curEvent = null;
      curOut = null;
      overlapping.clear();
    }
  }

  @Override
  public void window(long start, long end) {
    if (end <= start) {
      throw new IllegalArgumentException(
          "the window assigner gave an empty window [" + start + ", " + end + ")");
    }
    K key = curKey;
    long wm = timers.currentWatermark();
    protoStart = start;
    protoEnd = end;
    overlapping.clear();
    panes.forEachNamespace(key, collectOverlapping);
    long mStart = start;
    long mEnd = end;
    for (int i = 0; i < overlapping.size(); i++) {
      TimeWindow w = overlapping.get(i);
      mStart = Math.min(mStart, w.start());
      mEnd = Math.max(mEnd, w.end());
    }
    if (Times.plus(mEnd - 1, lateness) <= wm) {
      return; // a late proto-window that merges with nothing kept
    }
    curAdded = true;
    TimeWindow merged;
    Pane<A> pane;
    if (overlapping.size() == 1
        && overlapping.get(0).start() == mStart
        && overlapping.get(0).end() == mEnd) {
      merged = overlapping.get(0);
      pane = panes.getForUpdate(key, merged);
    } else {
      merged = new TimeWindow(mStart, mEnd);
      pane = new Pane<>();
      if (overlapping.size() > 1) {
        overlapping.sort(BY_START); // contents concatenate in window order
      }
      for (int i = 0; i < overlapping.size(); i++) {
        TimeWindow w = overlapping.get(i);
        Pane<A> p = panes.getForUpdate(key, w);
        if (p.acc != null) {
          if (pane.acc == null) {
            pane.acc = p.acc;
          } else {
            fn.combine(pane.acc, p.acc);
          }
        }
        pane.fired |= p.fired;
        pane.pending += p.pending;
        deleteTimers(key, w, p);
        panes.remove(key, w);
      }
      panes.put(key, merged, pane);
      if (mEnd - 1 > wm) {
        timers.registerEventTimeTimer(key, merged, mEnd - 1);
        if (early && pane.pending > 0) {
          registerEarlyTimers(key, merged, pane, wm);
        }
      } else {
        timers.registerEventTimeTimer(key, merged, Times.plus(mEnd - 1, lateness));
      }
    }
    if (pane.acc == null) {
      pane.acc = fn.create();
    }
    fn.accumulate(pane.acc, curEvent, curTimestamp);
    if (mEnd - 1 <= wm) {
      pane.pending = 0;
      fire(key, merged, pane, FiringKind.LATE, curOut);
      pane.fired = true;
      return;
    }
    if (early) {
      long pending = ++pane.pending;
      if (pending == 1) {
        registerEarlyTimers(key, merged, pane, wm);
      }
      if (trigger.fireOnEvent(curEvent, curTimestamp, merged, pending)) {
        fireEarly(key, merged, pane, curOut);
      }
    }
  }

  private void registerEarlyTimers(K key, TimeWindow w, Pane<A> pane, long wm) {
    long at = trigger.nextEarlyEventTime(w, wm);
    if (at != Trigger.NO_TIME && at > wm && at < w.maxTimestamp()) {
      timers.registerEventTimeTimer(key, w, at);
    }
    if (earlyProcessingDelay > 0) {
      long due = Times.plus(timers.currentProcessingTime(), earlyProcessingDelay);
      pane.processingTimer = due;
      timers.registerProcessingTimeTimer(key, w, due);
    }
  }

  private void deleteTimers(K key, TimeWindow w, Pane<A> p) {
    timers.deleteEventTimeTimer(key, w, w.maxTimestamp());
    if (lateness > 0) {
      timers.deleteEventTimeTimer(key, w, Times.plus(w.maxTimestamp(), lateness));
    }
    if (p.processingTimer != TriggerState.NO_TIMER) {
      timers.deleteProcessingTimeTimer(key, w, p.processingTimer);
      p.processingTimer = TriggerState.NO_TIMER;
    }
  }

  private void fireEarly(K key, TimeWindow w, Pane<A> pane, Output<WindowResult<K, R>> out) {
    fire(key, w, pane, FiringKind.EARLY, out);
    pane.pending = 0;
    if (pane.processingTimer != TriggerState.NO_TIMER) {
      timers.deleteProcessingTimeTimer(key, w, pane.processingTimer);
      pane.processingTimer = TriggerState.NO_TIMER;
    }
  }

  /** Emits the pane's result (if it has contents); in discarding mode forgets the contents. */
  private void fire(
      K key, TimeWindow w, Pane<A> pane, FiringKind kind, Output<WindowResult<K, R>> out) {
    if (pane.acc == null) {
      return;
    }
    R value;
    try {
      value = fn.result(key, w, kind, pane.acc);
    } catch (Exception e) {
      throw Sneaky.rethrow(e);
    }
    if (value != null) {
      out.emit(
          new WindowResult<>(nonKeyed ? null : key, w.start(), w.end(), value, kind),
          w.maxTimestamp());
    }
    if (discarding) {
      pane.acc = null;
    }
  }

  @Override
  public void onTimer(
      K key, Object namespace, long time, TimeDomain domain, Output<WindowResult<K, R>> output) {
    TimeWindow w = (TimeWindow) namespace;
    Pane<A> pane = panes.getForUpdate(key, w);
    if (pane == null) {
      return; // a timer of a window that merged away
    }
    long maxTs = w.maxTimestamp();
    long wm = timers.currentWatermark();
    if (domain == TimeDomain.PROCESSING_TIME) {
      if (pane.processingTimer != time) {
        return;
      }
      pane.processingTimer = TriggerState.NO_TIMER;
      if (wm < maxTs && pane.pending > 0) {
        fireEarly(key, w, pane, output);
      }
      return;
    }
    if (time == maxTs) {
      fire(key, w, pane, pane.fired ? FiringKind.LATE : FiringKind.ON_TIME, output);
      pane.fired = true;
      pane.pending = 0;
      if (pane.processingTimer != TriggerState.NO_TIMER) {
        timers.deleteProcessingTimeTimer(key, w, pane.processingTimer);
        pane.processingTimer = TriggerState.NO_TIMER;
      }
      long release = Times.plus(maxTs, lateness);
      if (release <= wm) {
        panes.remove(key, w);
      } else {
        timers.registerEventTimeTimer(key, w, release);
      }
      return;
    }
    if (time > maxTs) {
      if (pane.processingTimer != TriggerState.NO_TIMER) {
        timers.deleteProcessingTimeTimer(key, w, pane.processingTimer);
      }
      panes.remove(key, w);
      return;
    }
    if (wm < maxTs && pane.pending > 0) {
      fireEarly(key, w, pane, output);
    }
  }

  @Override
  public int stateEntries() {
    return panes.size() + timers.pendingTimers();
  }
}
