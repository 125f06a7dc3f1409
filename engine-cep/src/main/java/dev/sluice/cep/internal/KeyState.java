package dev.sluice.cep.internal;

import java.util.Arrays;

/**
 * Everything the CEP operator keeps for one key, as one value of keyed state: the events held
 * until the watermark passes them (sorted by time, arrival order among equal times), the ordinal
 * the next processed event gets, and one {@link RuleState} per rule with partial matches.
 * Single-threaded.
 */
final class KeyState {
  int held;
  Object[] heldEvents = new Object[2];
  long[] heldTimes = new long[2];
  long nextOrdinal;
  RuleState[] rules = new RuleState[0];

  boolean isEmpty() {
    return held == 0 && rules.length == 0;
  }

  /** Inserts an event in time order (after every held event of the same time). */
  void hold(Object event, long time) {
    if (held == heldEvents.length) {
      heldEvents = Arrays.copyOf(heldEvents, held * 2);
      heldTimes = Arrays.copyOf(heldTimes, held * 2);
    }
    int i = held;
    while (i > 0 && heldTimes[i - 1] > time) {
      heldEvents[i] = heldEvents[i - 1];
      heldTimes[i] = heldTimes[i - 1];
      i--;
    }
    heldEvents[i] = event;
    heldTimes[i] = time;
    held++;
  }

  /** Drops the first {@code n} held events. */
  void dropHeld(int n) {
    System.arraycopy(heldEvents, n, heldEvents, 0, held - n);
    System.arraycopy(heldTimes, n, heldTimes, 0, held - n);
    Arrays.fill(heldEvents, held - n, held, null);
    held -= n;
  }

  RuleState rule(String id) {
    for (RuleState r : rules) {
      if (r.ruleId.equals(id)) {
        return r;
      }
    }
    return null;
  }

  void addRule(RuleState r) {
    rules = Arrays.copyOf(rules, rules.length + 1);
    rules[rules.length - 1] = r;
  }

  void removeRule(RuleState r) {
    int w = 0;
    RuleState[] next = new RuleState[rules.length - 1];
    for (RuleState x : rules) {
      if (x != r) {
        next[w++] = x;
      }
    }
    rules = next;
  }
}
