package dev.sluice.cep.internal;

import dev.sluice.cep.Contiguity;
import dev.sluice.cep.IterativeCondition;

/**
 * A compiled take edge of an NFA state: the event must satisfy {@code condition} (and not
 * {@code until}); it is then bound to {@code binding} and the partial match moves to {@code
 * target}. {@code contiguity} says when the edge dies in the branch that skips an event; the
 * negation guards kill it when a forbidden event arrives. Immutable.
 */
final class Transition<T> {
  final IterativeCondition<T> condition;
  final IterativeCondition<T> until;
  final int binding;
  final int target;
  final Contiguity contiguity;
  final boolean greedy;
  final IterativeCondition<T>[] notNext;
  final IterativeCondition<T>[] notFollowed;

  Transition(
      IterativeCondition<T> condition,
      IterativeCondition<T> until,
      int binding,
      int target,
      Contiguity contiguity,
      boolean greedy,
      IterativeCondition<T>[] notNext,
      IterativeCondition<T>[] notFollowed) {
    this.condition = condition;
    this.until = until;
    this.binding = binding;
    this.target = target;
    this.contiguity = contiguity;
    this.greedy = greedy;
    this.notNext = notNext;
    this.notFollowed = notFollowed;
  }
}
