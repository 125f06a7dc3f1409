package dev.sluice.cep.internal;

import dev.sluice.cep.Match;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reusable {@link Match} handed to select functions: a match's chain copied, oldest first,
 * into arrays that grow once and are reused. One per operator instance; single-threaded.
 */
final class MatchView<T> implements Match<T> {
  private String ruleId;
  private String[] bindings;
  private Object[] events = new Object[8];
  private int[] binding = new int[8];
  private long[] times = new long[8];
  private long[] ordinals = new long[8];
  private int size;

  /** Loads the chain ending at {@code node}. */
  void load(String ruleId, Nfa<?> nfa, SharedBuffer b, int node) {
    this.ruleId = ruleId;
    this.bindings = nfa.bindings;
    int n = b.length(node);
    if (n > events.length) {
      int cap = Math.max(n, events.length * 2);
      events = new Object[cap];
      binding = new int[cap];
      times = new long[cap];
      ordinals = new long[cap];
    }
    if (size > n) {
      Arrays.fill(events, n, size, null);
    }
    int i = n;
    for (int x = node; x != SharedBuffer.NONE; x = b.nodePrev[x]) {
      i--;
      int ev = b.nodeEvent[x];
      events[i] = b.events[ev];
      binding[i] = b.nodeBinding[x];
      times[i] = b.eventTime[ev];
      ordinals[i] = b.eventOrdinal[ev];
    }
    size = n;
  }

  /** Drops the references to events after use. */
  void clear() {
    Arrays.fill(events, 0, size, null);
    size = 0;
  }

  long ordinal(int i) {
    return ordinals[i];
  }

  int bindingAt(int i) {
    return binding[i];
  }

  /** The events by name, as fresh lists (for timed-out reports). */
  @SuppressWarnings("unchecked")
  Map<String, List<T>> byName() {
    Map<String, List<T>> m = new LinkedHashMap<>();
    for (int i = 0; i < size; i++) {
      m.computeIfAbsent(bindings[binding[i]], k -> new ArrayList<>()).add((T) events[i]);
    }
    return m;
  }

  @Override
  public String ruleId() {
    return ruleId;
  }

  private int bindingOf(String name) {
    for (int i = 0; i < bindings.length; i++) {
      if (bindings[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  @SuppressWarnings("unchecked")
  public List<T> events(String name) {
    int b = bindingOf(name);
    List<T> out = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      if (binding[i] == b) {
        out.add((T) events[i]);
      }
    }
    return out;
  }

  @Override
  @SuppressWarnings("unchecked")
  public T first(String name) {
    int b = bindingOf(name);
    for (int i = 0; i < size; i++) {
      if (binding[i] == b) {
        return (T) events[i];
      }
    }
    return null;
  }

  @Override
  @SuppressWarnings("unchecked")
  public T last(String name) {
    int b = bindingOf(name);
    for (int i = size - 1; i >= 0; i--) {
      if (binding[i] == b) {
        return (T) events[i];
      }
    }
    return null;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  @SuppressWarnings("unchecked")
  public T event(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("event " + i + " of a match of " + size);
    }
    return (T) events[i];
  }

  @Override
  public String nameOf(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("event " + i + " of a match of " + size);
    }
    return bindings[binding[i]];
  }

  @Override
  public long timeOf(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("event " + i + " of a match of " + size);
    }
    return times[i];
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(ruleId).append('[');
    for (int i = 0; i < size; i++) {
      s.append(i == 0 ? "" : ", ").append(bindings[binding[i]]).append('=').append(events[i]);
    }
    return s.append(']').toString();
  }
}
