package dev.sluice.cep;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One step of a {@link Pattern}, as data: what the compiler reads, and what tools may inspect.
 * Immutable; made by {@link Pattern}'s fluent methods, which check it.
 *
 * @param kind what the step matches
 * @param contiguity how its first event may be separated from the previous step's last event
 *     (ignored for the first step and for negations, whose kind says it)
 * @param elements the named conditions: one for {@code EVENT} and the negations, two or more
 *     for {@code ALL_OF} and {@code ANY_OF}
 * @param minTimes the least number of events when the step takes any (at least 1)
 * @param maxTimes the most ({@link Integer#MAX_VALUE} for unbounded)
 * @param optional whether the step may take no event at all
 * @param greedy whether a loop takes every event it can before the pattern goes on
 * @param innerContiguity contiguity between the events of a loop
 * @param until stop condition of a loop (null if none)
 * @param <T> the event type
 */
public record PatternStep<T>(
    Kind kind,
    Contiguity contiguity,
    List<EventCondition<T>> elements,
    int minTimes,
    int maxTimes,
    boolean optional,
    boolean greedy,
    Contiguity innerContiguity,
    IterativeCondition<T> until)
    implements Serializable {

  /** What a step matches. */
  public enum Kind {
    /** One event, or a loop of events, bound to one name. */
    EVENT,
    /** One event for each element, in any order (conjunction). */
    ALL_OF,
    /** One event satisfying any element, bound to that element's name (disjunction). */
    ANY_OF,
    /** The event right after the previous step must not satisfy the condition. */
    NOT_NEXT,
    /** No event between the previous and the next step may satisfy the condition. */
    NOT_FOLLOWED_BY
  }

  /** Checks the components. */
  public PatternStep {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(contiguity, "contiguity");
    elements = List.copyOf(elements);
    Objects.requireNonNull(innerContiguity, "innerContiguity");
    if (elements.isEmpty()) {
      throw new IllegalArgumentException("a step needs at least one element");
    }
    if (minTimes < 1 || maxTimes < 1 || minTimes > maxTimes) {
      throw new IllegalArgumentException(
          "step '" + elements.get(0).name() + "': bad times [" + minTimes + ", " + maxTimes + "]");
    }
  }

  /** Whether this step is a negation. */
  public boolean isNegation() {
    return kind == Kind.NOT_NEXT || kind == Kind.NOT_FOLLOWED_BY;
  }

  /** Whether this step may take more than one event. */
  public boolean isLoop() {
    return kind == Kind.EVENT && maxTimes > 1;
  }

  /** The step's name: its element's name, or the names joined with {@code |} or {@code &}. */
  public String name() {
    if (elements.size() == 1) {
      return elements.get(0).name();
    }
    StringBuilder s = new StringBuilder();
    for (EventCondition<T> e : elements) {
      if (s.length() > 0) {
        s.append(kind == Kind.ALL_OF ? " & " : " | ");
      }
      s.append(e.name());
    }
    return s.toString();
  }

  static String checkName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a pattern name must not be blank");
    }
    return name;
  }

  PatternStep<T> withElements(List<EventCondition<T>> e) {
    return new PatternStep<>(
        kind, contiguity, e, minTimes, maxTimes, optional, greedy, innerContiguity, until);
  }

  PatternStep<T> withTimes(int min, int max) {
    return new PatternStep<>(
        kind, contiguity, elements, min, max, optional, greedy, innerContiguity, until);
  }

  PatternStep<T> withOptional() {
    return new PatternStep<>(
        kind, contiguity, elements, minTimes, maxTimes, true, greedy, innerContiguity, until);
  }

  PatternStep<T> withGreedy() {
    return new PatternStep<>(
        kind, contiguity, elements, minTimes, maxTimes, optional, true, innerContiguity, until);
  }

  PatternStep<T> withInner(Contiguity c) {
    return new PatternStep<>(
        kind, contiguity, elements, minTimes, maxTimes, optional, greedy, c, until);
  }

  PatternStep<T> withUntil(IterativeCondition<T> u) {
    return new PatternStep<>(
        kind, contiguity, elements, minTimes, maxTimes, optional, greedy, innerContiguity, u);
  }
}
