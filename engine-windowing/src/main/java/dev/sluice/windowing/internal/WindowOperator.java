package dev.sluice.windowing.internal;

import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.Output;
import dev.sluice.core.operator.OutputTag;
import dev.sluice.core.operator.TimeDomain;
import dev.sluice.core.operator.TimerService;
import dev.sluice.core.state.NamespacedState;
import dev.sluice.core.state.NamespacedStateDescriptor;
import dev.sluice.windowing.FiringKind;
import dev.sluice.windowing.TimeWindow;
import dev.sluice.windowing.Trigger;
import dev.sluice.windowing.Triggers;
import dev.sluice.windowing.TumblingWindows;
import dev.sluice.windowing.WindowAssigner;
import dev.sluice.windowing.WindowCollector;
import dev.sluice.windowing.WindowResult;

/**
 * The keyed window operator for non-merging assigners (tumbling, sliding, global, users' own):
 * one pane per (key, window) in namespaced state, the window being the namespace; timers per
 * (key, window) at the window's last instant (on time), at that instant plus the allowed lateness
 * (release), and at the trigger's early instants; early-trigger counters in a second namespaced
 * state.
 *
 * <p>Per event: the assigner reports the windows (a tumbling assigner is computed inline); for
 * each window not yet released, one look-up of the pane, the accumulate, and on a new pane one
 * timer registration. The window object used as namespace comes from a {@link WindowCache}, so
 * no allocation happens for an existing pane.
 *
 * <p>Firing rules (docs/windowing.md): on time when the watermark reaches {@code end - 1} if the
 * pane holds anything; then the pane is kept for the allowed lateness (accumulating mode) or
 * dropped (discarding mode); an event for a window already past its end but within the lateness
 * fires the window at once ({@link FiringKind#LATE}); an event none of whose windows is still
 * kept goes to the late side output.
 */
final class WindowOperator<K, T, A, R>
    implements KeyedOperator<K, T, WindowResult<K, R>>, WindowCollector, StateEntries {

  private final WindowAssigner<? super T> assigner;
  private final TumblingWindows tumbling;
  private final Trigger<? super T> trigger;
  private final boolean early;
  private final long earlyProcessingDelay;
  private final long lateness;
  private final boolean discarding;
  private final OutputTag<?> lateTag;
  private final PaneFunction<K, T, A, R> fn;
  /** Non-keyed (windowAll) mode: results carry a null key; forwarded late events pass through. */
  private final boolean nonKeyed;
  private final WindowCache cache = new WindowCache();

  private KeyedOperatorContext<K> context;
  private TimerService<K> timers;
  private NamespacedState<K, TimeWindow, A> panes;
  private NamespacedState<K, TimeWindow, TriggerState> triggers;
  private Output<Object> late;

  // scratch of the event being assigned (not state: valid during one onEvent call)
  private K curKey;
  private T curEvent;
  private long curTimestamp;
  private long curWatermark;
  private Output<WindowResult<K, R>> curOut;
  private boolean curAdded;

  WindowOperator(WindowSpec<T> spec, PaneFunction<K, T, A, R> fn, boolean nonKeyed) {
    this.assigner = spec.assigner();
    this.tumbling = assigner instanceof TumblingWindows t ? t : null;
    this.trigger = spec.trigger();
    this.early = trigger != Triggers.onWatermark();
    this.earlyProcessingDelay = trigger.earlyProcessingDelayMillis();
    this.lateness = spec.allowedLatenessMillis();
    this.discarding = spec.discarding();
    this.lateTag = spec.lateTag();
    this.fn = fn;
    this.nonKeyed = nonKeyed;
  }

  @Override
  public void open(KeyedOperatorContext<K> context) {
    this.context = context;
    this.timers = context.timers();
    panes =
        context.namespacedState(
            NamespacedStateDescriptor.of("window-panes", TimeWindowCodec.INSTANCE, fn.codec()));
    if (early) {
      triggers =
          context.namespacedState(
              NamespacedStateDescriptor.of(
                  "window-triggers", TimeWindowCodec.INSTANCE, TriggerState.CODEC));
    }
    late = LateOutputs.open(context, lateTag);
  }

  @Override
  public void onEvent(K key, T event, long timestamp, Output<WindowResult<K, R>> output)
      throws Exception {
    if (nonKeyed && event instanceof ForwardedLate f) {
      late.emit(f.event());
      return;
    }
    long wm = timers.currentWatermark();
    boolean added;
    if (tumbling != null) {
      long start = tumbling.windowStart(timestamp);
      added = add(key, event, timestamp, start, start + tumbling.sizeMillis(), wm, output);
    } else {
      curKey = key;
      curEvent = event;
      curTimestamp = timestamp;
      curWatermark = wm;
      curOut = output;
      curAdded = false;
      assigner.assignWindows(event, timestamp, this);
      added = curAdded;
    }
    if (!added) {
      late.emit(event);
    }
  }

  /** One window of the current event (called by the assigner). */
  @Override
  public void window(long start, long end) {
    if (end <= start) {
      throw new IllegalArgumentException(
          "the window assigner gave an empty window [" + start + ", " + end + ")");
    }
    if (add(curKey, curEvent, curTimestamp, start, end, curWatermark, curOut)) {
      curAdded = true;
    }
  }

  /** Adds the event to the window {@code [start, end)}; false if the window was released. */
  private boolean add(
      K key, T event, long timestamp, long start, long end, long wm,
      Output<WindowResult<K, R>> out) {
    long maxTs = end - 1;
    if (Times.plus(maxTs, lateness) <= wm) {
      return false; // released: the event is late for this window
    }
    TimeWindow w = cache.get(start, end);
    A acc = panes.getForUpdate(key, w);
    boolean fresh = acc == null;
    if (fresh) {
      acc = fn.create();
      panes.put(key, w, acc);
    }
    fn.accumulate(acc, event, timestamp);
    if (maxTs <= wm) {
      // past its end but within the allowed lateness: an updated result now
      fire(key, w, acc, FiringKind.LATE, out);
      if (discarding) {
        panes.remove(key, w);
      } else if (fresh) {
        timers.registerEventTimeTimer(key, w, Times.plus(maxTs, lateness));
      }
      return true;
    }
    if (fresh) {
      timers.registerEventTimeTimer(key, w, maxTs);
    }
    if (early) {
      onEarlyCandidate(key, event, timestamp, w, acc, wm, out);
    }
    return true;
  }

  private void onEarlyCandidate(
      K key, T event, long timestamp, TimeWindow w, A acc, long wm,
      Output<WindowResult<K, R>> out) {
    TriggerState t = triggers.getForUpdate(key, w);
    if (t == null) {
      t = new TriggerState();
      triggers.put(key, w, t);
    }
    long pending = ++t.pending;
    if (pending == 1) {
      long at = trigger.nextEarlyEventTime(w, wm);
      if (at != Trigger.NO_TIME && at > wm && at < w.maxTimestamp()) {
        timers.registerEventTimeTimer(key, w, at);
      }
      if (earlyProcessingDelay > 0) {
        long due = Times.plus(timers.currentProcessingTime(), earlyProcessingDelay);
        t.processingTimer = due;
        timers.registerProcessingTimeTimer(key, w, due);
      }
    }
    if (trigger.fireOnEvent(event, timestamp, w, pending)) {
      fireEarly(key, w, acc, out);
    }
  }

  private void fireEarly(K key, TimeWindow w, A acc, Output<WindowResult<K, R>> out) {
    fire(key, w, acc, FiringKind.EARLY, out);
    if (discarding) {
      panes.remove(key, w);
    }
    resetTrigger(key, w);
  }

  private void resetTrigger(K key, TimeWindow w) {
    if (!early) {
      return;
    }
    TriggerState t = triggers.get(key, w);
    if (t != null) {
      if (t.processingTimer != TriggerState.NO_TIMER) {
        timers.deleteProcessingTimeTimer(key, w, t.processingTimer);
      }
      triggers.remove(key, w);
    }
  }

  private void fire(
      K key, TimeWindow w, A acc, FiringKind kind, Output<WindowResult<K, R>> out) {
    R value;
    try {
      value = fn.result(key, w, kind, acc);
    } catch (Exception e) {
      throw Sneaky.rethrow(e);
    }
    if (value != null) {
      out.emit(
          new WindowResult<>(nonKeyed ? null : key, w.start(), w.end(), value, kind),
          w.maxTimestamp());
    }
  }

  @Override
  public void onTimer(
      K key, Object namespace, long time, TimeDomain domain, Output<WindowResult<K, R>> output) {
    TimeWindow w = (TimeWindow) namespace;
    long maxTs = w.maxTimestamp();
    long wm = timers.currentWatermark();
    if (domain == TimeDomain.PROCESSING_TIME) {
      TriggerState t = triggers == null ? null : triggers.getForUpdate(key, w);
      if (t == null || t.processingTimer != time) {
        return;
      }
      t.processingTimer = TriggerState.NO_TIMER;
      A acc = panes.getForUpdate(key, w);
      if (wm < maxTs && t.pending > 0 && acc != null) {
        fireEarly(key, w, acc, output);
      }
      return;
    }
    if (time == maxTs) {
      A acc = panes.getForUpdate(key, w);
      if (acc != null) {
        fire(key, w, acc, FiringKind.ON_TIME, output);
      }
      resetTrigger(key, w);
      long release = Times.plus(maxTs, lateness);
      if (acc != null) {
        if (discarding || release <= wm) {
          panes.remove(key, w);
        } else {
          timers.registerEventTimeTimer(key, w, release);
        }
      }
      return;
    }
    if (time > maxTs) {
      panes.remove(key, w);
      resetTrigger(key, w);
      return;
    }
    // an early event-time firing; skipped when the same watermark also reaches the end
    if (wm >= maxTs) {
      return;
    }
    TriggerState t = triggers == null ? null : triggers.get(key, w);
    if (t != null && t.pending > 0) {
      A acc = panes.getForUpdate(key, w);
      if (acc != null) {
        fireEarly(key, w, acc, output);
      }
    }
  }

  @Override
  public int stateEntries() {
    return panes.size() + (triggers == null ? 0 : triggers.size()) + timers.pendingTimers();
  }
}
