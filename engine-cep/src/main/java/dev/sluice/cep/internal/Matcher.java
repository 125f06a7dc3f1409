package dev.sluice.cep.internal;

import dev.sluice.cep.AfterMatchSkipStrategy;
import dev.sluice.cep.Contiguity;
import dev.sluice.cep.IterativeCondition;
import java.util.Arrays;

/**
 * Runs one rule's NFA over one key's {@link RuleState}: an event against every partial match
 * (then against the start state), and the expiry of partial matches past the time bound. Matches
 * found by one call are ordered (first event, then the later ones), filtered by the after-match
 * skip strategy and handed to the {@link Sink}. Holds only scratch space, reused across calls
 * (one per operator instance); single-threaded.
 */
final class Matcher<T> {
  /** Receives what a call found. Nodes are valid during the call only. */
  interface Sink {
    void onMatch(RuleState rule, int node, long time) throws Exception;

    void onTimeout(RuleState rule, int node, long startTime, long time) throws Exception;
  }

  private static final int EDGES = (1 << Nfa.MAX_TRANSITIONS) - 1;

  private final ChainContext<T> context = new ChainContext<>();
  private int[] matchNode = new int[8];
  private long[] matchStart = new long[8];
  private boolean[] matchPruned = new boolean[8];
  private int matches;
  private int eventSlot;

  /**
   * Feeds one event (in event-time order) to every partial match of {@code rs}, then to the
   * start state.
   *
   * @return true if a new partial match was opened (its expiry needs a timer)
   */
  @SuppressWarnings("unchecked")
  boolean onEvent(Nfa<T> nfa, RuleState rs, T event, long time, long ordinal, Sink sink)
      throws Exception {
    SharedBuffer buf = rs.buffer;
    matches = 0;
    eventSlot = -1;
    long within = nfa.withinMillis;
    int n = rs.size;
    for (int i = 0; i < n; i++) {
      int mask = rs.alive[i];
      if (mask == 0) {
        continue;
      }
      long start = rs.startTime[i];
      if (within != Long.MAX_VALUE && time - start >= within) {
        rs.kill(i); // normally pruned by its expiry timer first
        continue;
      }
      NfaState<T> st = nfa.states[rs.state[i]];
      Transition<T>[] tr = st.transitions;
      boolean fresh = (mask & Nfa.FRESH_BIT) != 0;
      context.set(nfa, buf, rs.node[i], start);
      for (int bits = mask & EDGES; bits != 0; bits &= bits - 1) {
        int b = Integer.numberOfTrailingZeros(bits);
        Transition<T> t = tr[b];
        if ((fresh && any(t.notNext, event)) || any(t.notFollowed, event)) {
          mask &= ~(1 << b);
        }
      }
      if ((mask & Nfa.PENDING_BIT) != 0) {
        if (any(st.trailingNotFollowed, event) || (fresh && any(st.trailingNotNext, event))) {
          mask &= ~Nfa.PENDING_BIT;
        } else if (fresh && st.trailingNotNext.length > 0 && st.trailingNotFollowed.length == 0) {
          buf.retain(rs.node[i]);
          addMatch(rs.node[i], rs.startOrdinal[i]);
          mask &= ~Nfa.PENDING_BIT;
        }
      }
      int g = st.greedy;
      if (g >= 0 && (mask & (1 << g)) != 0) {
        Transition<T> t = tr[g];
        if ((t.until == null || !t.until.test(event, context))
            && t.condition.test(event, context)) {
          take(nfa, rs, i, t, event, time, ordinal);
          rs.kill(i);
          continue;
        }
      }
      int keep = mask & ~Nfa.FRESH_BIT;
      for (int bits = mask & EDGES; bits != 0; bits &= bits - 1) {
        int b = Integer.numberOfTrailingZeros(bits);
        Transition<T> t = tr[b];
        boolean stop = t.until != null && t.until.test(event, context);
        boolean taken = !stop && t.condition.test(event, context);
        if (taken) {
          take(nfa, rs, i, t, event, time, ordinal);
        }
        if (stop || t.contiguity == Contiguity.STRICT
            || (taken && t.contiguity == Contiguity.RELAXED)) {
          keep &= ~(1 << b);
        }
      }
      if (keep == 0) {
        rs.kill(i);
      } else {
        rs.alive[i] = keep;
      }
    }
    boolean opened = false;
    NfaState<T> startState = nfa.states[0];
    context.set(nfa, buf, SharedBuffer.NONE, time);
    for (Transition<T> t : startState.transitions) {
      if ((t.until == null || !t.until.test(event, context)) && t.condition.test(event, context)) {
        opened |= take(nfa, rs, -1, t, event, time, ordinal);
      }
    }
    rs.compact();
    if (matches > 0) {
      emit(nfa, rs, time, sink);
    }
    return opened;
  }

  /**
   * Expires the partial matches whose time bound has passed at {@code time}: those waiting only
   * for the bound (trailing negation) complete, the others are reported as timed out.
   */
  void onTime(Nfa<T> nfa, RuleState rs, long time, Sink sink) throws Exception {
    long within = nfa.withinMillis;
    if (within == Long.MAX_VALUE) {
      return;
    }
    matches = 0;
    for (int i = 0; i < rs.size; i++) {
      if (rs.alive[i] != 0 && rs.startTime[i] + within - 1 <= time) {
        if ((rs.alive[i] & Nfa.PENDING_BIT) != 0) {
          rs.buffer.retain(rs.node[i]);
          addMatch(rs.node[i], rs.startOrdinal[i]);
        } else {
          sink.onTimeout(rs, rs.node[i], rs.startTime[i], time);
        }
        rs.kill(i);
      }
    }
    rs.compact();
    if (matches > 0) {
      emit(nfa, rs, time, sink);
    }
  }

  /** Discards every partial match of {@code rs}; returns how many there were. */
  static int discardAll(RuleState rs) {
    int n = 0;
    for (int i = 0; i < rs.size; i++) {
      if (rs.alive[i] != 0) {
        n++;
        rs.kill(i);
      }
    }
    rs.compact();
    return n;
  }

  private boolean any(IterativeCondition<T>[] conditions, T event) {
    for (IterativeCondition<T> c : conditions) {
      if (c.test(event, context)) {
        return true;
      }
    }
    return false;
  }

  /** Takes {@code event} along {@code t} from partial match {@code i} (or -1: from the start). */
  private boolean take(Nfa<T> nfa, RuleState rs, int i, Transition<T> t, T event, long time,
      long ordinal) {
    SharedBuffer buf = rs.buffer;
    if (eventSlot < 0) {
      eventSlot = buf.addEvent(event, time, ordinal);
    }
    int prev = i < 0 ? SharedBuffer.NONE : rs.node[i];
    int node = buf.addNode(eventSlot, t.binding, prev);
    long start = i < 0 ? time : rs.startTime[i];
    long startOrdinal = i < 0 ? ordinal : rs.startOrdinal[i];
    NfaState<T> target = nfa.states[t.target];
    if (target.accept) {
      buf.retain(node);
      addMatch(node, startOrdinal);
    }
    if (target.transitions.length > 0 || target.pending) {
      rs.add(t.target, node, target.arrivalMask, start, startOrdinal);
      return i < 0;
    }
    buf.release(node);
    return false;
  }

  private void addMatch(int node, long startOrdinal) {
    if (matches == matchNode.length) {
      matchNode = Arrays.copyOf(matchNode, matches * 2);
      matchStart = Arrays.copyOf(matchStart, matches * 2);
      matchPruned = Arrays.copyOf(matchPruned, matches * 2);
    }
    matchNode[matches] = node;
    matchStart[matches] = startOrdinal;
    matchPruned[matches] = false;
    matches++;
  }

  private void emit(Nfa<T> nfa, RuleState rs, long time, Sink sink) throws Exception {
    SharedBuffer buf = rs.buffer;
    AfterMatchSkipStrategy.Kind kind = nfa.skip.kind();
    if (kind == AfterMatchSkipStrategy.Kind.NO_SKIP) {
      for (int m = 0; m < matches; m++) {
        sink.onMatch(rs, matchNode[m], time);
        buf.release(matchNode[m]);
      }
      matches = 0;
      return;
    }
    if (matches > 1) {
      sortMatches(buf);
    }
    for (int m = 0; m < matches; m++) {
      if (matchPruned[m]) {
        buf.release(matchNode[m]);
        continue;
      }
      int node = matchNode[m];
      sink.onMatch(rs, node, time);
      long first = Long.MIN_VALUE;
      long last = Long.MIN_VALUE;
      boolean strictlyBefore = true;
      switch (kind) {
        case SKIP_TO_NEXT -> {
          first = matchStart[m];
          strictlyBefore = false;
        }
        case SKIP_PAST_LAST_EVENT -> {
          first = buf.eventOrdinal[buf.nodeEvent[node]];
          strictlyBefore = false;
        }
        case SKIP_TO_FIRST, SKIP_TO_LAST -> {
          for (int x = node; x != SharedBuffer.NONE; x = buf.nodePrev[x]) {
            if (buf.nodeBinding[x] == nfa.skipBinding) {
              long o = buf.eventOrdinal[buf.nodeEvent[x]];
              if (last == Long.MIN_VALUE) {
                last = o;
              }
              first = o;
            }
          }
          if (kind == AfterMatchSkipStrategy.Kind.SKIP_TO_LAST) {
            first = last;
          }
        }
        default -> throw new IllegalStateException(kind.toString());
      }
      buf.release(node);
      if (first == Long.MIN_VALUE) {
        continue; // the name took no event: nothing to discard
      }
      for (int i = 0; i < rs.size; i++) {
        long s = rs.startOrdinal[i];
        if (strictlyBefore ? s < first : s <= first) {
          rs.kill(i);
        }
      }
      for (int k = m + 1; k < matches; k++) {
        long s = matchStart[k];
        if (strictlyBefore ? s < first : s <= first) {
          matchPruned[k] = true;
        }
      }
    }
    rs.compact();
    matches = 0;
  }

  /** Orders the matches by their events' ordinals, lexicographically (insertion sort). */
  private void sortMatches(SharedBuffer buf) {
    long[][] keys = new long[matches][];
    for (int m = 0; m < matches; m++) {
      int len = buf.length(matchNode[m]);
      long[] k = new long[len];
      int i = len;
      for (int x = matchNode[m]; x != SharedBuffer.NONE; x = buf.nodePrev[x]) {
        k[--i] = buf.eventOrdinal[buf.nodeEvent[x]];
      }
      keys[m] = k;
    }
    for (int a = 1; a < matches; a++) {
      for (int b = a; b > 0 && Arrays.compare(keys[b - 1], keys[b]) > 0; b--) {
        long[] tk = keys[b];
        keys[b] = keys[b - 1];
        keys[b - 1] = tk;
        int tn = matchNode[b];
        matchNode[b] = matchNode[b - 1];
        matchNode[b - 1] = tn;
        long ts = matchStart[b];
        matchStart[b] = matchStart[b - 1];
        matchStart[b - 1] = ts;
      }
    }
  }
}
