package dev.sluice.windowing.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A brute-force model of the documented window semantics, for the property tests: windows are
 * enumerated by brute force, every window keeps the list of its events, every result is computed
 * from that list (sorted ids), and timers are modelled as plain sets. It shares no code with the
 * operators.
 *
 * <p>It is fed the same stream as the job — events, and watermarks at the markers — and collects
 * results as strings {@code key|start|end|kind|ids} plus the ids of late events.
 */
final class ReferenceWindows {

  /** Which windows an event belongs to: {@code [start, end)} pairs. */
  interface Windows {
    List<long[]> of(long ts);

    default boolean merging() {
      return false;
    }
  }

  /** Windows of size {@code size} starting at offset + i * slide, found by stepping. */
  static Windows aligned(long size, long slide, long offset) {
    return ts -> {
      List<long[]> out = new ArrayList<>();
      // a start at or below ts - size, aligned to offset; then step forward
      long s = offset + Math.floorDiv(ts - size - offset, slide) * slide;
      for (; s <= ts; s += slide) {
        if (s <= ts && ts < s + size) {
          out.add(new long[] {s, s + size});
        }
      }
      return out;
    };
  }

  static Windows sessions(long gap) {
    return new Windows() {
      @Override
      public List<long[]> of(long ts) {
        return List.of(new long[] {ts, ts + gap});
      }

      @Override
      public boolean merging() {
        return true;
      }
    };
  }

  static Windows global() {
    return ts -> List.of(new long[] {Long.MIN_VALUE, Long.MAX_VALUE});
  }

  /** The early-firing rules of a trigger, computed naively. */
  interface EarlyRules {
    boolean fireOnEvent(long id, long pending);

    /** Next early instant after {@code wm} for window [start, end), or Long.MAX_VALUE. */
    long nextEarly(long start, long end, long wm);
  }

  static EarlyRules none() {
    return rules(0, 0, 0);
  }

  /**
   * Early rules: every {@code everyN} events (0: no), every {@code interval} of event time (0:
   * no), on events whose id is a multiple of {@code idModulus} (0: no).
   */
  static EarlyRules rules(long everyN, long interval, long idModulus) {
    return new EarlyRules() {
      @Override
      public boolean fireOnEvent(long id, long pending) {
        return (everyN > 0 && pending >= everyN) || (idModulus > 0 && id % idModulus == 0);
      }

      @Override
      public long nextEarly(long start, long end, long wm) {
        if (interval <= 0) {
          return Long.MAX_VALUE;
        }
        long t;
        if (start == Long.MIN_VALUE) {
          t = Math.floorDiv(wm, interval) * interval - 1;
        } else {
          t = start + interval - 1;
        }
        while (t <= wm) {
          t += interval;
        }
        return t;
      }
    };
  }

  /** Evicts before a window function: keep the last n (n > 0) or those within d of the max. */
  record Evict(int lastN, long withinMillis) {}

  private static final class Win {
    final long start;
    final long end;
    /** {id, ts} in arrival order. */
    final List<long[]> contents = new ArrayList<>();
    long pending;
    final TreeSet<Long> early = new TreeSet<>();
    boolean onTimeDone;
    boolean fired;

    Win(long start, long end) {
      this.start = start;
      this.end = end;
    }

    long maxTs() {
      return end - 1;
    }
  }

  private final Windows windows;
  private final EarlyRules rules;
  private final boolean early;
  private final long lateness;
  private final boolean discarding;
  private final Evict evict;
  private final boolean nullKey;
  private final Map<String, List<Win>> byKey = new LinkedHashMap<>();
  private long wm = Long.MIN_VALUE;

  final List<String> results = new ArrayList<>();
  final List<Long> late = new ArrayList<>();

  ReferenceWindows(
      Windows windows,
      EarlyRules rules,
      boolean early,
      long lateness,
      boolean discarding,
      Evict evict,
      boolean nullKey) {
    this.windows = windows;
    this.rules = rules;
    this.early = early;
    this.lateness = lateness;
    this.discarding = discarding;
    this.evict = evict;
    this.nullKey = nullKey;
  }

  static long plus(long a, long b) {
    long r = a + b;
    return r < a ? Long.MAX_VALUE : r;
  }

  /** Runs the whole stream, then the final watermark. */
  void run(List<StreamItem> stream, long outOfOrderness) {
    for (StreamItem it : stream) {
      if (it.marker()) {
        long w = it.ts() - outOfOrderness - 1;
        if (w > wm) {
          advance(w);
        }
      } else {
        event(it.key(), it.id(), it.ts());
      }
    }
    advance(Long.MAX_VALUE);
  }

  private void emit(String key, Win w, String kind) {
    if (w.contents.isEmpty()) {
      return;
    }
    if (evict != null) {
      if (evict.lastN() > 0) {
        while (w.contents.size() > evict.lastN()) {
          w.contents.remove(0);
        }
      } else {
        long max = Long.MIN_VALUE;
        for (long[] c : w.contents) {
          max = Math.max(max, c[1]);
        }
        long min = max - evict.withinMillis();
        w.contents.removeIf(c -> c[1] < min);
      }
    }
    List<Long> ids = new ArrayList<>();
    for (long[] c : w.contents) {
      ids.add(c[0]);
    }
    ids.sort(null);
    results.add((nullKey ? "null" : key) + "|" + w.start + "|" + w.end + "|" + kind + "|" + ids);
    if (discarding) {
      w.contents.clear();
    }
  }

  private void event(String eventKey, long id, long ts) {
    String key = nullKey ? "null" : eventKey;
    List<Win> list = byKey.computeIfAbsent(key, k -> new ArrayList<>());
    boolean added = false;
    for (long[] bounds : windows.of(ts)) {
      if (windows.merging()) {
        added |= mergingEvent(key, list, bounds[0], bounds[1], id, ts);
      } else {
        added |= plainEvent(key, list, bounds[0], bounds[1], id, ts);
      }
    }
    if (!added) {
      late.add(id);
    }
  }

  private boolean plainEvent(String key, List<Win> list, long start, long end, long id, long ts) {
    long maxTs = end - 1;
    if (plus(maxTs, lateness) <= wm) {
      return false;
    }
    Win w = null;
    for (Win x : list) {
      if (x.start == start && x.end == end) {
        w = x;
      }
    }
    if (w == null) {
      w = new Win(start, end);
      w.onTimeDone = maxTs <= wm;
      list.add(w);
    }
    w.contents.add(new long[] {id, ts});
    if (maxTs <= wm) {
      emit(key, w, "LATE");
      return true;
    }
    afterAdd(key, w, id);
    return true;
  }

  private void afterAdd(String key, Win w, long id) {
    if (!early) {
      return;
    }
    w.pending++;
    if (w.pending == 1) {
      long t = rules.nextEarly(w.start, w.end, wm);
      if (t < w.maxTs()) {
        w.early.add(t);
      }
    }
    if (rules.fireOnEvent(id, w.pending)) {
      emit(key, w, "EARLY");
      w.pending = 0;
    }
  }

  private boolean mergingEvent(String key, List<Win> list, long ps, long pe, long id, long ts) {
    List<Win> over = new ArrayList<>();
    long ms = ps;
    long me = pe;
    for (Win x : list) {
      if (x.start <= pe && ps <= x.end) {
        over.add(x);
        ms = Math.min(ms, x.start);
        me = Math.max(me, x.end);
      }
    }
    if (plus(me - 1, lateness) <= wm) {
      return false;
    }
    Win w;
    if (over.size() == 1 && over.get(0).start == ms && over.get(0).end == me) {
      w = over.get(0);
    } else {
      over.sort(Comparator.comparingLong(x -> x.start));
      w = new Win(ms, me);
      w.onTimeDone = me - 1 <= wm;
      for (Win x : over) {
        w.contents.addAll(x.contents);
        w.fired |= x.fired;
        w.pending += x.pending;
        list.remove(x);
      }
      list.add(w);
      if (me - 1 > wm && early && w.pending > 0) {
        long t = rules.nextEarly(ms, me, wm);
        if (t < me - 1) {
          w.early.add(t);
        }
      }
    }
    w.contents.add(new long[] {id, ts});
    if (me - 1 <= wm) {
      w.pending = 0;
      emit(key, w, "LATE");
      w.fired = true;
      return true;
    }
    afterAdd(key, w, id);
    return true;
  }

  private void advance(long to) {
    wm = to;
    for (Map.Entry<String, List<Win>> e : byKey.entrySet()) {
      String key = e.getKey();
      List<Win> list = e.getValue();
      List<Win> released = new ArrayList<>();
      for (Win w : new ArrayList<>(list)) {
        while (!w.early.isEmpty() && w.early.first() <= to) {
          w.early.pollFirst();
          if (to < w.maxTs() && w.pending > 0) {
            emit(key, w, "EARLY");
            w.pending = 0;
          }
        }
        if (windows.merging()) {
          if (w.maxTs() <= to && !w.onTimeDone) {
            w.onTimeDone = true;
            emit(key, w, w.fired ? "LATE" : "ON_TIME");
            w.fired = true;
            w.pending = 0;
          }
        } else if (!w.onTimeDone && w.maxTs() <= to) {
          w.onTimeDone = true;
          emit(key, w, "ON_TIME");
          w.pending = 0;
        }
        if (plus(w.maxTs(), lateness) <= to) {
          released.add(w);
        }
      }
      list.removeAll(released);
    }
  }

  /** Count windows per key, by brute force over each key's list of events. */
  static List<String> countWindows(
      List<StreamItem> stream, long size, long slide, boolean nullKey) {
    Map<String, List<Long>> ids = new HashMap<>();
    List<String> out = new ArrayList<>();
    for (StreamItem it : stream) {
      if (it.marker()) {
        continue;
      }
      List<Long> l = ids.computeIfAbsent(nullKey ? "null" : it.key(), k -> new ArrayList<>());
      l.add(it.id());
      long c = l.size();
      if (c % slide == 0) {
        long from = Math.max(0, c - size);
        out.add(countResult(nullKey ? "null" : it.key(), l, from, c));
      }
    }
    for (Map.Entry<String, List<Long>> e : ids.entrySet()) {
      long c = e.getValue().size();
      if (c % slide != 0) {
        long end = (c / slide + 1) * slide;
        long from = Math.max(0, end - size);
        out.add(countResult(nullKey ? "null" : e.getKey(), e.getValue(), from, c));
      }
    }
    return out;
  }

  private static String countResult(String key, List<Long> all, long from, long to) {
    List<Long> ids = new ArrayList<>(all.subList((int) from, (int) to));
    ids.sort(null);
    return key + "|" + from + "|" + to + "|ON_TIME|" + ids;
  }
}
