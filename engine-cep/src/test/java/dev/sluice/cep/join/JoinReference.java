package dev.sluice.cep.join;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Nested-loop references for the joins, written plainly from their documented semantics and
 * sharing no code with the operators: the expected output rows, as {@code "row@timestamp"}
 * strings, of a set of accepted (non-late) events.
 */
final class JoinReference {
  private JoinReference() {}

  /** An event of either side: its key, event time and a unique id. */
  record Ev(int key, long time, int id) {
    @Override
    public String toString() {
      return "k" + key + "@" + time + "#" + id;
    }
  }

  /** The row every test join function builds. */
  static String row(Ev l, Ev r) {
    return (l == null ? "-" : "L" + l.id()) + "|" + (r == null ? "-" : "R" + r.id());
  }

  /** How windows are formed in the references. */
  sealed interface Windows permits Tumbling, Sliding, Session {}

  record Tumbling(long size) implements Windows {}

  record Sliding(long size, long slide) implements Windows {}

  record Session(long gap) implements Windows {}

  /** The windows {@code [start, end)} (as two-element arrays) holding time {@code t}. */
  static List<long[]> windowsOf(Windows w, long t) {
    List<long[]> out = new ArrayList<>();
    if (w instanceof Tumbling tw) {
      long start = Math.floorDiv(t, tw.size()) * tw.size();
      out.add(new long[] {start, start + tw.size()});
    } else if (w instanceof Sliding sw) {
      long k = Math.floorDiv(t, sw.slide());
      for (long start = k * sw.slide(); start + sw.size() > t; start -= sw.slide()) {
        out.add(new long[] {start, start + sw.size()});
      }
    } else {
      throw new IllegalArgumentException("sessions have no fixed windows");
    }
    return out;
  }

  /** Events of one key and window, per side. */
  static final class Cell {
    final List<Ev> left = new ArrayList<>();
    final List<Ev> right = new ArrayList<>();
  }

  /**
   * Window join rows from the (key, window) cells; each cell: every pair, then the unmatched rows
   * the join type keeps, at timestamp {@code end - 1}.
   */
  static List<String> windowRows(Map<List<Long>, Cell> cells, JoinType type) {
    List<String> out = new ArrayList<>();
    cells.forEach(
        (id, cell) -> {
          long ts = id.get(2) - 1;
          for (Ev l : cell.left) {
            for (Ev r : cell.right) {
              out.add(row(l, r) + "@" + ts);
            }
          }
          if (cell.right.isEmpty() && type.keepsUnmatchedLeft()) {
            cell.left.forEach(l -> out.add(row(l, null) + "@" + ts));
          }
          if (cell.left.isEmpty() && type.keepsUnmatchedRight()) {
            cell.right.forEach(r -> out.add(row(null, r) + "@" + ts));
          }
        });
    return out;
  }

  /** Adds an accepted event to the cells of its fixed windows (those not closed by {@code wm}). */
  static void addToWindows(
      Map<List<Long>, Cell> cells, Windows w, Ev e, boolean left, long watermark) {
    for (long[] win : windowsOf(w, e.time())) {
      if (win[1] - 1 > watermark) {
        Cell c = cells.computeIfAbsent(List.of((long) e.key(), win[0], win[1]), k -> new Cell());
        (left ? c.left : c.right).add(e);
      }
    }
  }

  /**
   * Session cells from accepted events: per key, events sorted by time; a new session starts at
   * an event not strictly before the current session's end ({@code last event + gap}).
   */
  static Map<List<Long>, Cell> sessions(List<Ev> lefts, List<Ev> rights, long gap) {
    Map<Integer, List<Object[]>> byKey = new TreeMap<>();
    lefts.forEach(e -> byKey.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(new Object[] {e, true}));
    rights.forEach(e -> byKey.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(new Object[] {e, false}));
    Map<List<Long>, Cell> cells = new HashMap<>();
    byKey.forEach(
        (key, events) -> {
          events.sort(Comparator.comparingLong(o -> ((Ev) o[0]).time()));
          List<Object[]> current = new ArrayList<>();
          long start = 0;
          long end = Long.MIN_VALUE;
          for (Object[] o : events) {
            Ev e = (Ev) o[0];
            if (!current.isEmpty() && e.time() >= end) {
              close(cells, key, start, end, current);
              current = new ArrayList<>();
            }
            if (current.isEmpty()) {
              start = e.time();
              end = e.time() + gap;
            }
            end = Math.max(end, e.time() + gap);
            current.add(o);
          }
          if (!current.isEmpty()) {
            close(cells, key, start, end, current);
          }
        });
    return cells;
  }

  private static void close(
      Map<List<Long>, Cell> cells, int key, long start, long end, List<Object[]> events) {
    Cell c = new Cell();
    for (Object[] o : events) {
      ((Boolean) o[1] ? c.left : c.right).add((Ev) o[0]);
    }
    cells.put(List.of((long) key, start, end), c);
  }

  /** Interval join rows: every accepted pair of a key with {@code l + lower <= r <= l + upper}. */
  static List<String> intervalRows(List<Ev> lefts, List<Ev> rights, long lower, long upper) {
    List<String> out = new ArrayList<>();
    for (Ev l : lefts) {
      for (Ev r : rights) {
        if (l.key() == r.key() && l.time() + lower <= r.time() && r.time() <= l.time() + upper) {
          out.add(row(l, r) + "@" + Math.max(l.time(), r.time()));
        }
      }
    }
    return out;
  }
}
