package dev.sluice.cep.internal;

import java.util.Arrays;

/**
 * One rule's partial matches for one key, in parallel arrays (no object per partial match), and
 * the shared buffer of their events. A partial match is a state of the rule's NFA, its last node
 * in the buffer, the time and ordinal of its first event, and an alive mask (which edges of its
 * state may still take an event, plus {@link Nfa#PENDING_BIT} and {@link Nfa#FRESH_BIT}): 28
 * bytes of arrays. Lives inside keyed state; single-threaded.
 */
final class RuleState {
  final String ruleId;
  final long version;
  final SharedBuffer buffer;
  int size;
  int[] state = new int[4];
  int[] node = new int[4];
  int[] alive = new int[4];
  long[] startTime = new long[4];
  long[] startOrdinal = new long[4];

  RuleState(String ruleId, long version, SharedBuffer buffer) {
    this.ruleId = ruleId;
    this.version = version;
    this.buffer = buffer;
  }

  boolean isEmpty() {
    return size == 0 && buffer.isEmpty();
  }

  /** Appends a partial match; the caller already holds the reference to {@code lastNode}. */
  void add(int st, int lastNode, int mask, long start, long startOrd) {
    if (size == state.length) {
      int n = size * 2;
      state = Arrays.copyOf(state, n);
      node = Arrays.copyOf(node, n);
      alive = Arrays.copyOf(alive, n);
      startTime = Arrays.copyOf(startTime, n);
      startOrdinal = Arrays.copyOf(startOrdinal, n);
    }
    state[size] = st;
    node[size] = lastNode;
    alive[size] = mask;
    startTime[size] = start;
    startOrdinal[size] = startOrd;
    size++;
  }

  /** Removes the partial matches whose alive mask is 0, keeping the others' order. */
  void compact() {
    int w = 0;
    for (int r = 0; r < size; r++) {
      if (alive[r] != 0) {
        if (w != r) {
          state[w] = state[r];
          node[w] = node[r];
          alive[w] = alive[r];
          startTime[w] = startTime[r];
          startOrdinal[w] = startOrdinal[r];
        }
        w++;
      }
    }
    size = w;
  }

  /** Marks partial match {@code i} dead and releases its node (call {@link #compact} after). */
  void kill(int i) {
    if (alive[i] != 0) {
      alive[i] = 0;
      buffer.release(node[i]);
    }
  }
}
