package dev.sluice.cep;

import java.io.Serializable;
import java.util.Objects;

/**
 * A named condition on one event: an element of a conjunction ({@link Pattern#beginAllOf}) or a
 * disjunction ({@link Pattern#beginAnyOf}). Made with {@link Pattern#event(String)}; immutable.
 *
 * @param <T> the event type
 */
public final class EventCondition<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final IterativeCondition<T> condition;

  EventCondition(String name, IterativeCondition<T> condition) {
    this.name = PatternStep.checkName(name);
    this.condition = condition;
  }

  /**
   * This element with {@code condition} added (and-ed with an earlier one).
   *
   * @param condition the condition
   * @return a new element
   */
  public EventCondition<T> where(SimpleCondition<T> condition) {
    return new EventCondition<>(name, Conditions.and(this.condition, Conditions.simple(condition)));
  }

  /**
   * This element with an iterative {@code condition} added (and-ed with an earlier one).
   *
   * @param condition the condition
   * @return a new element
   */
  public EventCondition<T> where(IterativeCondition<T> condition) {
    return new EventCondition<>(
        name, Conditions.and(this.condition, Objects.requireNonNull(condition, "condition")));
  }

  /** The pattern name events taken by this element are bound to. */
  public String name() {
    return name;
  }

  /** The condition (true if none was given). */
  public IterativeCondition<T> condition() {
    return condition;
  }

  @Override
  public String toString() {
    return name;
  }
}
