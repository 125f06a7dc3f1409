package dev.sluice.windowing.internal;

import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.KeyedState;
import dev.sluice.core.operator.Output;
import dev.sluice.core.state.NamespacedState;
import dev.sluice.core.state.NamespacedStateDescriptor;
import dev.sluice.core.state.StateCodec;
import dev.sluice.core.state.StateCodecs;
import dev.sluice.core.state.ValueStateDescriptor;
import dev.sluice.windowing.FiringKind;
import dev.sluice.windowing.TimeWindow;
import dev.sluice.windowing.WindowResult;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Count windows per key: window {@code [e - size, e)} of the key's event ordinals fires when the
 * key's {@code e}-th event arrives, for every {@code e} that is a multiple of {@code slide}
 * (tumbling when {@code slide == size}). Events are pre-aggregated in slices of {@code gcd(size,
 * slide)} events: the current slice in the key's value state, completed ones (sliding only) in
 * namespaced state by slice index. At the end of input, a key with events since its last firing
 * fires the window that would have ended at the next multiple of {@code slide}, cut at its last
 * event; then all state is released. Event time plays no part: nothing is late.
 */
final class CountWindowOperator<K, T, A, R>
    implements KeyedOperator<K, T, WindowResult<K, R>>, StateEntries {
  private final long size;
  private final long slide;
  private final long slice;
  private final PaneFunction<K, T, A, R> fn;
  private final boolean nonKeyed;

  private KeyedState<K, CountState<A>> counts;
  private NamespacedState<K, Long, A> slices;

  CountWindowOperator(long size, long slide, PaneFunction<K, T, A, R> fn, boolean nonKeyed) {
    this.size = size;
    this.slide = slide;
    this.slice = Times.gcd(size, slide);
    this.fn = fn;
    this.nonKeyed = nonKeyed;
  }

  /** A key's event count, current slice and last timestamp. */
  static final class CountState<A> {
    long count;
    long lastTimestamp;
    /** The slice being filled; null right after it completed. */
    A current;

    static <A> StateCodec<CountState<A>> codec(StateCodec<A> accCodec) {
      return new StateCodec<>() {
        @Override
        public void encode(CountState<A> value, DataOutput out) throws IOException {
          out.writeLong(value.count);
          out.writeLong(value.lastTimestamp);
          out.writeBoolean(value.current != null);
          if (value.current != null) {
            accCodec.encode(value.current, out);
          }
        }

        @Override
        public CountState<A> decode(DataInput in) throws IOException {
          CountState<A> s = new CountState<>();
          s.count = in.readLong();
          s.lastTimestamp = in.readLong();
          if (in.readBoolean()) {
            s.current = accCodec.decode(in);
          }
          return s;
        }

        @Override
        public String formatId() {
          return "sluice.windowing.CountState/1<" + accCodec.formatId() + ">";
        }
      };
    }
  }

  @Override
  public void open(KeyedOperatorContext<K> context) {
    counts =
        context.state(ValueStateDescriptor.of("count-windows", CountState.codec(fn.codec())));
    if (slide != size) {
      slices =
          context.namespacedState(
              NamespacedStateDescriptor.of("count-slices", StateCodecs.longs(), fn.codec()));
    }
  }

  @Override
  public void onEvent(K key, T event, long timestamp, Output<WindowResult<K, R>> output)
      throws Exception {
    CountState<A> st = counts.getForUpdate(key);
    if (st == null) {
      st = new CountState<>();
      counts.put(key, st);
    }
    if (st.current == null) {
      st.current = fn.create();
    }
    fn.accumulate(st.current, event, timestamp);
    long c = ++st.count;
    st.lastTimestamp = timestamp;
    if (slide == size) {
      if (c % size == 0) {
        emit(key, c - size, c, st.current, output, timestamp);
        st.current = null;
      }
      return;
    }
    if (c % slice == 0) {
      slices.put(key, c / slice - 1, st.current);
      st.current = null;
    }
    if (c % slide == 0) {
      long from = Math.max(0, c - size);
      emit(key, from, c, combine(key, from, c, null), output, timestamp);
      // slices no later window needs
      long keepFrom = c + slide - size;
      for (long s = Math.max(0, c - size); s < keepFrom && s < c; s += slice) {
        slices.remove(key, s / slice);
      }
    }
  }

  private A combine(K key, long from, long to, A partial) {
    A acc = fn.create();
    for (long s = from; s + slice <= to; s += slice) {
      A sl = slices.get(key, s / slice);
      if (sl != null) {
        fn.combine(acc, sl);
      }
    }
    if (partial != null) {
      fn.combine(acc, partial);
    }
    return acc;
  }

  private void emit(
      K key, long from, long to, A acc, Output<WindowResult<K, R>> output, long timestamp)
      throws Exception {
    R value = fn.result(key, new TimeWindow(from, to), FiringKind.ON_TIME, acc);
    if (value != null) {
      output.emit(
          new WindowResult<>(nonKeyed ? null : key, from, to, value, FiringKind.ON_TIME),
          timestamp);
    }
  }

  @Override
  public void onEnd(Output<WindowResult<K, R>> output) throws Exception {
    List<K> keys = new ArrayList<>(counts.size());
    counts.forEach((k, s) -> keys.add(k));
    for (K key : keys) {
      CountState<A> st = counts.getForUpdate(key);
      long c = st.count;
      if (c % slide != 0) {
        long end = (c / slide + 1) * slide;
        long from = Math.max(0, end - size);
        A acc;
        if (slide == size) {
          acc = st.current;
        } else {
          acc = combine(key, from, c - c % slice, st.current);
        }
        emit(key, from, c, acc, output, st.lastTimestamp);
      }
      if (slices != null) {
        slices.clear(key);
      }
      counts.remove(key);
    }
  }

  @Override
  public int stateEntries() {
    return counts.size() + (slices == null ? 0 : slices.size());
  }
}
