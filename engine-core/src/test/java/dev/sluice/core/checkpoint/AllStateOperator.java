package dev.sluice.core.checkpoint;

import dev.sluice.core.operator.KeyedOperator;
import dev.sluice.core.operator.KeyedOperatorContext;
import dev.sluice.core.operator.KeyedState;
import dev.sluice.core.operator.Output;
import dev.sluice.core.operator.TimeDomain;
import dev.sluice.core.state.MapState;
import dev.sluice.core.state.MapStateDescriptor;
import dev.sluice.core.state.NamespacedState;
import dev.sluice.core.state.NamespacedStateDescriptor;
import dev.sluice.core.state.StateCodecs;
import dev.sluice.core.state.ValueStateDescriptor;
import java.util.ArrayList;
import java.util.List;

/**
 * Uses every kind of keyed state and both timer domains, and writes what it holds into its
 * output, so that a restore that loses or duplicates any of it changes the output: a value
 * (count), a value holding a list (the last three events), a map (counts by residue), a
 * namespaced state (per-window sums, emitted and cleared by event-time timers), and a
 * processing-time timer far in the future registered on a key's first event only (counted at
 * the end).
 */
final class AllStateOperator implements KeyedOperator<Long, Long, String> {
  static final long WINDOW = 50;
  static final long FAR = Long.MAX_VALUE / 4;
  private KeyedOperatorContext<Long> ctx;
  private KeyedState<Long, Long> count;
  private KeyedState<Long, List<Long>> recent;
  private MapState<Long, Long, Long> byResidue;
  private NamespacedState<Long, Long, Long> windows;

  @Override
  public void open(KeyedOperatorContext<Long> context) {
    ctx = context;
    count = context.state(ValueStateDescriptor.of("count", StateCodecs.longs()));
    recent =
        context.state(ValueStateDescriptor.of("recent", StateCodecs.listOf(StateCodecs.longs())));
    byResidue =
        context.mapState(
            new MapStateDescriptor<>("by-residue", StateCodecs.longs(), StateCodecs.longs()));
    windows =
        context.namespacedState(
            NamespacedStateDescriptor.of("windows", StateCodecs.longs(), StateCodecs.longs()));
  }

  @Override
  public void onEvent(Long key, Long e, long timestamp, Output<String> out) {
    Long c0 = count.get(key);
    long c = c0 == null ? 1 : c0 + 1;
    count.put(key, c);
    List<Long> r = recent.get(key) == null ? new ArrayList<>() : new ArrayList<>(recent.get(key));
    r.add(e);
    if (r.size() > 3) {
      r.remove(0);
    }
    recent.put(key, r);
    Long m0 = byResidue.get(key, e % 3);
    long m = m0 == null ? 1 : m0 + 1;
    byResidue.put(key, e % 3, m);
    long w = e / WINDOW;
    Long s0 = windows.get(key, w);
    windows.put(key, w, (s0 == null ? 0 : s0) + e);
    ctx.timers().registerEventTimeTimer(key, w, (w + 1) * WINDOW - 1);
    if (c == 1) {
      ctx.timers().registerProcessingTimeTimer(key, null, FAR);
    }
    out.emit("e:" + key + ":" + c + ":" + r + ":" + m);
  }

  @Override
  public void onTimer(Long key, Object namespace, long time, TimeDomain domain, Output<String> out) {
    if (domain == TimeDomain.EVENT_TIME) {
      Long w = (Long) namespace;
      out.emit("w:" + key + ":" + w + ":" + windows.get(key, w));
      windows.remove(key, w);
    } else {
      out.emit("processing timer fired: " + key);
    }
  }

  @Override
  public void onEnd(Output<String> out) {
    out.emit("pending:" + ctx.timers().pendingTimers());
  }
}
