package dev.sluice.windowing.internal;

import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.KeyedState;
import dev.sluice.core.operator.Output;
import dev.sluice.core.operator.OutputTag;
import dev.sluice.core.operator.TimeDomain;
import dev.sluice.core.operator.TimerService;
import dev.sluice.core.state.NamespacedState;
import dev.sluice.core.state.NamespacedStateDescriptor;
import dev.sluice.core.state.StateCodec;
import dev.sluice.core.state.ValueStateDescriptor;
import dev.sluice.windowing.FiringKind;
import dev.sluice.windowing.SlidingWindows;
import dev.sluice.windowing.TimeWindow;
import dev.sluice.windowing.WindowResult;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The keyed operator for sliding windows fired on the watermark, by slice pre-aggregation: each
 * event is accumulated once, into its slice of {@code gcd(size, slide)}; a window firing combines
 * its slices. When the aggregate operation can deduct, a running accumulator per key holds the
 * last fired window: the next firing combines only the slices that enter and deducts those that
 * left.
 *
 * <p>Timers carry no namespace: per key, one timer at {@code e - 1} for each window end {@code e}
 * that has data — registered by the first event of a slice for the slice's first window, and by
 * each firing for the next window if it has data — and, with allowed lateness, one at {@code e -
 * 1 + lateness} that releases the slices whose last window ends at {@code e}. A timer at a given
 * time does both jobs that fall on it.
 *
 * <p>Late events (at or behind the watermark): each window of the event's slice that already
 * fired and is still kept fires again ({@link FiringKind#LATE}: the recombined window in
 * accumulating mode, the event alone in discarding mode); its unfired windows fire on time as
 * usual; if every window of the slice was released, the event goes to the late side output.
 */
final class SlicingWindowOperator<K, T, A, R>
    implements KeyedOperator<K, T, WindowResult<K, R>>, StateEntries {

  private final long size;
  private final long slide;
  private final long offset;
  private final long slice;
  private final long lateness;
  private final boolean discarding;
  private final boolean deduct;
  private final OutputTag<?> lateTag;
  private final PaneFunction<K, T, A, R> fn;
  private final WindowCache cache = new WindowCache();

  private TimerService<K> timers;
  private NamespacedState<K, TimeWindow, A> slices;
  private KeyedState<K, Running<A>> running;
  private Output<Object> late;

  SlicingWindowOperator(SlidingWindows windows, WindowSpec<T> spec, PaneFunction<K, T, A, R> fn) {
    this.size = windows.sizeMillis();
    this.slide = windows.slideMillis();
    this.offset = windows.offsetMillis();
    this.slice = Times.gcd(size, slide);
    this.lateness = spec.allowedLatenessMillis();
    this.discarding = spec.discarding();
    this.deduct = fn.canDeduct();
    this.lateTag = spec.lateTag();
    this.fn = fn;
  }

  /** A key's running accumulator: the combination of its slices in {@code [lo, hi)}. */
  static final class Running<A> {
    A acc;
    long lo;
    long hi;
    /** How many non-empty slices are combined in {@code acc}. */
    int slices;

    static <A> StateCodec<Running<A>> codec(StateCodec<A> accCodec) {
      return new StateCodec<>() {
        @Override
        public void encode(Running<A> value, DataOutput out) throws IOException {
          out.writeLong(value.lo);
          out.writeLong(value.hi);
          out.writeInt(value.slices);
          accCodec.encode(value.acc, out);
        }

        @Override
        public Running<A> decode(DataInput in) throws IOException {
          Running<A> r = new Running<>();
          r.lo = in.readLong();
          r.hi = in.readLong();
          r.slices = in.readInt();
          r.acc = accCodec.decode(in);
          return r;
        }

        @Override
        public String formatId() {
          return "sluice.windowing.Running/1<" + accCodec.formatId() + ">";
        }
      };
    }
  }

  @Override
  public void open(KeyedOperatorContext<K> context) {
    this.timers = context.timers();
    slices =
        context.namespacedState(
            NamespacedStateDescriptor.of("window-slices", TimeWindowCodec.INSTANCE, fn.codec()));
    if (deduct) {
      running =
          context.state(ValueStateDescriptor.of("window-running", Running.codec(fn.codec())));
    }
    late = LateOutputs.open(context, lateTag);
  }

  private long sliceStart(long ts) {
    return ts - Math.floorMod(ts - offset, slice);
  }

  /** The latest window start at or before {@code t}. */
  private long lastStart(long t) {
    return t - Math.floorMod(t - offset, slide);
  }

  private long firstEnd(long sliceStart) {
    return lastStart(sliceStart - size) + slide + size;
  }

  private long lastEnd(long sliceStart) {
    return lastStart(sliceStart) + size;
  }

  private boolean isWindowEnd(long e) {
    return Math.floorMod(e - size - offset, slide) == 0;
  }

  @Override
  public void onEvent(K key, T event, long timestamp, Output<WindowResult<K, R>> output) {
    long wm = timers.currentWatermark();
    long s = sliceStart(timestamp);
    long last = lastEnd(s);
    if (Times.plus(last - 1, lateness) <= wm) {
      late.emit(event);
      return;
    }
    TimeWindow ns = cache.get(s, s + slice);
    A acc = slices.getForUpdate(key, ns);
    boolean fresh = acc == null;
    if (fresh) {
      acc = fn.create();
      slices.put(key, ns, acc);
    }
    fn.accumulate(acc, event, timestamp);
    if (timestamp > wm) {
      // no window of this slice has fired yet
      if (fresh) {
        timers.registerEventTimeTimer(key, null, firstEnd(s) - 1);
      }
      return;
    }
    onLateEvent(key, event, timestamp, s, last, fresh, wm, output);
  }

  private void onLateEvent(
      K key,
      T event,
      long timestamp,
      long s,
      long last,
      boolean fresh,
      long wm,
      Output<WindowResult<K, R>> output) {
    if (deduct) {
      Running<A> r = running.getForUpdate(key);
      if (r != null && s >= r.lo && s < r.hi) {
        fn.accumulate(r.acc, event, timestamp);
        if (fresh) {
          r.slices++;
        }
      }
    }
    for (long e = firstEnd(s); e <= last; e += slide) {
      if (e - 1 > wm) {
        timers.registerEventTimeTimer(key, null, e - 1); // the rest fire on time
        return;
      }
      if (Times.plus(e - 1, lateness) > wm) {
        A acc;
        if (discarding) {
          acc = fn.create();
          fn.accumulate(acc, event, timestamp);
        } else {
          acc = combineWindow(key, e);
        }
        emit(key, e, acc, FiringKind.LATE, output);
      }
    }
    // every window of the slice had fired: release the slice with its last window
    if (fresh) {
      timers.registerEventTimeTimer(key, null, Times.plus(last - 1, lateness));
    }
  }

  /** A fresh accumulator combining the slices of the window ending at {@code e}. */
  private A combineWindow(K key, long e) {
    A acc = fn.create();
    for (long s = e - size; s < e; s += slice) {
      A sl = slices.get(key, cache.get(s, s + slice));
      if (sl != null) {
        fn.combine(acc, sl);
      }
    }
    return acc;
  }

  private void emit(K key, long e, A acc, FiringKind kind, Output<WindowResult<K, R>> output) {
    TimeWindow w = cache.get(e - size, e);
    R value;
    try {
      value = fn.result(key, w, kind, acc);
    } catch (Exception ex) {
      throw Sneaky.rethrow(ex);
    }
    if (value != null) {
      output.emit(new WindowResult<>(key, e - size, e, value, kind), e - 1);
    }
  }

  @Override
  public void onTimer(
      K key, Object namespace, long time, TimeDomain domain, Output<WindowResult<K, R>> output) {
    long wm = timers.currentWatermark();
    if (lateness > 0 && time != Long.MAX_VALUE) {
      long released = time + 1 - lateness;
      if (isWindowEnd(released)) {
        removeSlices(key, released - size, released - size + slide);
      }
    }
    if (time != Long.MAX_VALUE && isWindowEnd(time + 1)) {
      fireOnTime(key, time + 1, wm, output);
    }
  }

  private void fireOnTime(K key, long e, long wm, Output<WindowResult<K, R>> output) {
    long lo = e - size;
    long next = e + slide;
    boolean hasNext;
    if (deduct) {
      Running<A> r = running.getForUpdate(key);
      if (r != null && r.lo == lo && r.hi <= e) {
        for (long s = r.hi; s < e; s += slice) {
          A sl = slices.get(key, cache.get(s, s + slice));
          if (sl != null) {
            fn.combine(r.acc, sl);
            r.slices++;
          }
        }
        r.hi = e;
      } else {
        if (r == null) {
          r = new Running<>();
          running.put(key, r);
        }
        r.acc = fn.create();
        r.lo = lo;
        r.hi = e;
        r.slices = 0;
        for (long s = lo; s < e; s += slice) {
          A sl = slices.get(key, cache.get(s, s + slice));
          if (sl != null) {
            fn.combine(r.acc, sl);
            r.slices++;
          }
        }
      }
      if (r.slices > 0) {
        emit(key, e, r.acc, FiringKind.ON_TIME, output);
      }
      // slices leaving before the next window
      long leaveEnd = lo + slide;
      for (long s = lo; s < leaveEnd; s += slice) {
        A sl = slices.get(key, cache.get(s, s + slice));
        if (sl != null) {
          fn.deduct(r.acc, sl);
          r.slices--;
        }
      }
      r.lo = leaveEnd;
      hasNext = r.slices > 0 || anySlice(key, e, next);
      if (!hasNext) {
        running.remove(key);
      } else if (r.slices == 0) {
        // nothing carried over: start the next window from a fresh accumulator
        r.acc = fn.create();
      }
    } else {
      A acc = null;
      for (long s = lo; s < e; s += slice) {
        A sl = slices.get(key, cache.get(s, s + slice));
        if (sl != null) {
          if (acc == null) {
            acc = fn.create();
          }
          fn.combine(acc, sl);
        }
      }
      if (acc != null) {
        emit(key, e, acc, FiringKind.ON_TIME, output);
      }
      hasNext = anySlice(key, next - size, next);
    }
    if (hasNext) {
      timers.registerEventTimeTimer(key, null, next - 1);
    }
    // the slices whose last window this was
    long release = Times.plus(e - 1, lateness);
    if (lateness == 0 || release <= wm) {
      removeSlices(key, lo, lo + slide);
    } else {
      timers.registerEventTimeTimer(key, null, release);
    }
  }

  private boolean anySlice(K key, long from, long to) {
    for (long s = from; s < to; s += slice) {
      if (slices.contains(key, cache.get(s, s + slice))) {
        return true;
      }
    }
    return false;
  }

  private void removeSlices(K key, long from, long to) {
    for (long s = from; s < to; s += slice) {
      slices.remove(key, cache.get(s, s + slice));
    }
  }

  @Override
  public int stateEntries() {
    return slices.size() + (running == null ? 0 : running.size()) + timers.pendingTimers();
  }
}
