package dev.sluice.cep;

import java.util.List;

/**
 * The events a partial match took so far, as seen by an {@link IterativeCondition}. Valid only
 * during the condition's call; not thread-safe.
 *
 * @param <T> the event type
 */
public interface MatchContext<T> {
  /**
   * The events bound to {@code name} so far, oldest first. Allocates the list.
   *
   * @param name a pattern name
   * @return the events, empty if none (or if no position has that name)
   */
  List<T> events(String name);

  /**
   * The number of events bound to {@code name} so far; allocates nothing.
   *
   * @param name a pattern name
   * @return the count
   */
  int count(String name);

  /**
   * The last event bound to {@code name}, or null; allocates nothing.
   *
   * @param name a pattern name
   * @return the event or null
   */
  T last(String name);

  /**
   * The event time of the partial match's first event, or {@link Long#MIN_VALUE} when the
   * candidate would be the first.
   *
   * @return the start time in epoch milliseconds
   */
  long startTime();
}
