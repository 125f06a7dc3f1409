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
  private static final RuleState[] NONE = new RuleState[0];

  /** Rule states in slots {@code 0 .. ruleCount - 1}. */
  RuleState[] rules = NONE;
  int ruleCount;

  boolean isEmpty() {
    return held == 0 && ruleCount == 0;
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
    for (int i = 0; i < ruleCount; i++) {
      RuleState r = rules[i];
      if (r.ruleId == id || r.ruleId.equals(id)) {
        return r;
      }
    }
    return null;
  }

  void addRule(RuleState r) {
    if (ruleCount == rules.length) {
      rules = Arrays.copyOf(rules, Math.max(2, ruleCount * 2));
    }
    rules[ruleCount++] = r;
  }

  /** Removes the rule state in slot {@code i} (later slots move down). */
  void removeRuleAt(int i) {
    System.arraycopy(rules, i + 1, rules, i, ruleCount - i - 1);
    rules[--ruleCount] = null;
  }
}
