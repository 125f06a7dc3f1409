package dev.sluice.cep.internal;

import dev.sluice.cep.IterativeCondition;

/**
 * A compiled NFA state: the edges a partial match in it may take next (the epsilon closure
 * through skippable steps already expanded), whether reaching it completes a match ({@code
 * accept}) or completes one once trailing negations hold up to the time bound ({@code pending}).
 * Immutable.
 */
final class NfaState<T> {
  final String label;
  final Transition<T>[] transitions;
  final boolean accept;
  final boolean pending;
  final IterativeCondition<T>[] trailingNotNext;
  final IterativeCondition<T>[] trailingNotFollowed;
  /** Index of the greedy loop edge, or -1. */
  final int greedy;
  /** The alive mask a partial match gets on arriving here. */
  final int arrivalMask;

  NfaState(
      String label,
      Transition<T>[] transitions,
      boolean accept,
      boolean pending,
      IterativeCondition<T>[] trailingNotNext,
      IterativeCondition<T>[] trailingNotFollowed) {
    this.label = label;
    this.transitions = transitions;
    this.accept = accept;
    this.pending = pending;
    this.trailingNotNext = trailingNotNext;
    this.trailingNotFollowed = trailingNotFollowed;
    int g = -1;
    for (int i = 0; i < transitions.length; i++) {
      if (transitions[i].greedy) {
        g = i;
      }
    }
    this.greedy = g;
    int mask = transitions.length == 0 ? 0 : (int) ((1L << transitions.length) - 1);
    this.arrivalMask = mask | (pending ? Nfa.PENDING_BIT : 0) | Nfa.FRESH_BIT;
  }

  @Override
  public String toString() {
    return label;
  }
}
